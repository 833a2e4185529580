import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def older_projects_are_2014_2020(apps, schema_editor):
    """Every project page before this migration is of the 2014–2020 programmes (the site's only
    programme); one whose programme starts in 2021 or later keeps the 2021–2027 default."""
    ProjectFundingPage = apps.get_model("pages", "ProjectFundingPage")
    ProjectFundingPage.objects.filter(
        Q(programme__isnull=True)
        | Q(programme__period_start__isnull=True)
        | Q(programme__period_start__lt=2021)
    ).update(programming_period="2014-2020")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_language_of_parts_in_rich_text"),
        ("snippets", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectfundingpage",
            name="programming_period",
            field=models.CharField(
                choices=[("2014-2020", "2014–2020"), ("2021-2027", "2021–2027")],
                default="2021-2027",
                help_text="Decides the wording of the EU statement and the text beside the emblem.",
                max_length=9,
                verbose_name="programming period",
            ),
        ),
        migrations.AddField(
            model_name="projectfundingpage",
            name="aims",
            field=models.TextField(
                default="",
                help_text="What the project sets out to do, in a few sentences (required by the "
                "EU publicity rules once the page is published).",
                verbose_name="aims",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="projectfundingpage",
            name="results",
            field=models.TextField(
                default="",
                help_text="What the project achieved or is to achieve (required by the EU "
                "publicity rules once the page is published).",
                verbose_name="results",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(older_projects_are_2014_2020, migrations.RunPython.noop),
        migrations.RemoveField(model_name="projectfundingpage", name="acknowledgement"),
        migrations.AlterField(
            model_name="clusterlabelpage",
            name="related_project",
            field=models.ForeignKey(
                blank=True,
                help_text="If the activity was funded by a project, choose its page: the page then shows the EU emblem and the project's EU statement.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="pages.projectfundingpage",
                verbose_name="funding project",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="related_project",
            field=models.ForeignKey(
                blank=True,
                help_text="If the activity was funded by a project, choose its page: the page then shows the EU emblem and the project's EU statement.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="pages.projectfundingpage",
                verbose_name="funding project",
            ),
        ),
        migrations.AlterField(
            model_name="newspage",
            name="related_project",
            field=models.ForeignKey(
                blank=True,
                help_text="If the activity was funded by a project, choose its page: the page then shows the EU emblem and the project's EU statement.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="pages.projectfundingpage",
                verbose_name="funding project",
            ),
        ),
        migrations.AlterField(
            model_name="projectfundingpage",
            name="fund",
            field=models.CharField(
                choices=[
                    ("erdf", "European Regional Development Fund (ERDF)"),
                    ("esf", "European Social Fund (ESF)"),
                    ("esf-plus", "European Social Fund Plus (ESF+)"),
                    ("cf", "Cohesion Fund"),
                    ("jtf", "Just Transition Fund"),
                    ("eafrd", "European Agricultural Fund for Rural Development (EAFRD)"),
                    ("horizon", "Horizon Europe"),
                    ("other", "Other"),
                ],
                max_length=20,
                verbose_name="fund",
            ),
        ),
        migrations.AlterField(
            model_name="projectfundingpage",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="snippets.fundingprogramme",
                verbose_name="operational programme",
            ),
        ),
    ]
