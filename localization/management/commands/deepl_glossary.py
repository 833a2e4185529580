"""Make DeepL glossaries (English -> Bulgarian and Bulgarian -> English) of our glossary terms."""

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from localization.machine_translation import DeepLTranslator, create_deepl_glossary

DIRECTIONS = [("en", "bg"), ("bg", "en")]


class Command(BaseCommand):
    help = (
        "Create a DeepL glossary of the glossary terms for each direction (EN->BG, BG->EN) with "
        "the configured DeepL translator (MT_ENGINE=deepl) and print the DEEPL_GLOSSARY_IDS "
        "value that makes machine translation use them. DeepL glossaries cannot be edited: run "
        "it again after the glossary changed, set the new value, and delete the old glossaries "
        "in DeepL."
    )

    def handle(self, *args, **options):
        config = getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) or {}
        if config.get("CLASS", "").rsplit(".", 1)[-1] != DeepLTranslator.__name__:
            raise CommandError("The machine translator is not DeepL: set MT_ENGINE=deepl.")
        stamp = timezone.now().strftime("%Y-%m-%d %H:%M")
        ids = []
        for source, target in DIRECTIONS:
            name = f"SKC glossary {source.upper()}-{target.upper()} {stamp}"
            try:
                glossary_id = create_deepl_glossary(config["OPTIONS"], source, target, name)
            except requests.RequestException as error:
                raise CommandError(f"DeepL refused the glossary {name}: {error}") from error
            ids.append(f"{source.upper()}-{target.upper()}:{glossary_id}")
        self.stdout.write(f"DEEPL_GLOSSARY_IDS={','.join(ids)}")
