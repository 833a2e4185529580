"""Create both content locales, the Bulgarian home page and the default Site.

The English home page is made as a wagtail-localize translation by ``load_site_content``.
"""

from django.db import migrations

BG_HOME_TITLE = "Клъстер „София – град на знанието“"


def create_locales_and_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    bg, _ = Locale.objects.get_or_create(language_code="bg")
    Locale.objects.get_or_create(language_code="en")

    # Replace Wagtail's "Welcome" page (and its Site) with our home page at the same place.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title=BG_HOME_TITLE,
        draft_title=BG_HOME_TITLE,
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=bg,
        live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Sofia Knowledge City",
        root_page=home,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(depth=2).delete()
    apps.get_model("wagtailcore", "Locale").objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_homepage, remove_homepage)]
