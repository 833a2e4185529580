"""Write the interface texts changed in the admin into locale/<language>/LC_MESSAGES/django.po,
so that a release carries them (the file stays the source of record). `make messages` runs this
first, so regenerating the catalogue never loses a translator's work."""

from django.core.management.base import BaseCommand, CommandError

from localization import catalogues, interface_texts


class Command(BaseCommand):
    help = "Export the interface texts changed in the admin into our PO catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--language", default=catalogues.LANGUAGE)
        parser.add_argument("--output", help="Write a copy there instead of the catalogue itself.")

    def handle(self, *args, language, output, **options):
        if language not in interface_texts.editable_languages():
            raise CommandError(f"No catalogue of our own for {language!r}.")
        written, orphans = interface_texts.export_to_catalogue(language, output)
        path = output or interface_texts.catalogue_path(language)
        errors = catalogues.msgfmt_errors(path)
        if errors:
            raise CommandError(f"{path} does not pass msgfmt --check:\n{errors}")
        for msgid in orphans:
            self.stderr.write(f"Not in the catalogue any more, kept in the database: {msgid!r}")
        self.stdout.write(f"{written} interface texts written to {path}")
