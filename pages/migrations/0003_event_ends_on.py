from django.db import migrations, models

from pages.dates import last_day


def fill_ends_on(apps, schema_editor):
    EventPage = apps.get_model("pages", "EventPage")
    for event in EventPage.objects.all():
        event.ends_on = last_day(event.end_date or event.start_date, event.date_precision)
        event.save(update_fields=["ends_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="ends_on",
            field=models.DateField(db_index=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_ends_on, migrations.RunPython.noop),
    ]
