"""The table of the ``rate_limits`` cache (pages/rate_limit.py), made with every migrate so that no
deployment step can be forgotten."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_label_report_requests")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
