"""Load the cluster's site content in Bulgarian and English, idempotently.

Bulgarian pages are created as an editor would; English ones are wagtail-localize translations of
them, so a later edit of the source can be synced. A second run changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from home.models import HomePage
from home.site_content import HOME_BG, HOME_EN
from localization.translate import translate_with_strings


class Command(BaseCommand):
    help = "Create the site's pages in Bulgarian and their English translations (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        bg = Locale.objects.get(language_code="bg")
        en = Locale.objects.get(language_code="en")
        home = HomePage.objects.get(depth=2, locale=bg)

        created = 0
        if home.intro != HOME_BG["intro"] or home.title != HOME_BG["title"]:
            home.title = HOME_BG["title"]
            home.intro = HOME_BG["intro"]
            home.save_revision().publish()
            self.stdout.write("Updated the Bulgarian home page.")
        if not home.has_translation(en):
            translate_with_strings(
                home,
                en,
                {HOME_BG["title"]: HOME_EN["title"], HOME_BG["intro"]: HOME_EN["intro"]},
            )
            created += 1
        self.stdout.write(
            self.style.SUCCESS(f"Site content loaded: {created} translation(s) made.")
        )
