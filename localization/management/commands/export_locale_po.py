"""Write one PO file per translation into a language, for translators who work in Poedit; each
records when it was exported, so that import_locale_po can tell newer editor work."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.models import Translation

from localization.po_upload import export_po


class Command(BaseCommand):
    help = "Export the PO files of every translation into LANGUAGE into DIRECTORY."
    suffix = ".po"

    def export(self, translation) -> bytes:
        return str(export_po(translation)).encode("utf-8")

    def add_arguments(self, parser):
        parser.add_argument("language", help="Target language code, e.g. bg")
        parser.add_argument("directory", type=Path)

    def handle(self, *args, language, directory, **options):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise CommandError(f"Unknown language: {language}")
        directory.mkdir(parents=True, exist_ok=True)
        translations = Translation.objects.filter(target_locale=locale, enabled=True)
        translations = translations.select_related("source")
        total = translations.count()
        for number, translation in enumerate(translations, start=1):
            name = (
                f"{translation.pk:05d}-{slugify(translation.source.object_repr)[:60]}{self.suffix}"
            )
            (directory / name).write_bytes(self.export(translation))
            self.stdout.write(f"[{number}/{total}] {name}")
        kind = self.suffix.lstrip(".").upper()
        self.stdout.write(self.style.SUCCESS(f"Exported {total} {kind} file(s) to {directory}."))
