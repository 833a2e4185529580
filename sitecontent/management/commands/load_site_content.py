"""Load the cluster's site content in Bulgarian and English, idempotently (see sitecontent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from sitecontent.loader import SiteContentLoader


class Command(BaseCommand):
    help = "Create the site's pages and snippets in both languages (a second run changes nothing)."

    @transaction.atomic
    def handle(self, *args, **options):
        report = SiteContentLoader(log=self.stdout.write).load()
        self.stdout.write(self.style.SUCCESS(f"Site content loaded: {report}."))
