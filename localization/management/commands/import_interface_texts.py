"""Load a PO file's translations of our catalogue's messages as interface texts (as if edited in
the admin: checked, with history), wherever they differ from the catalogue."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from localization import catalogues, interface_texts


class Command(BaseCommand):
    help = "Import a PO file's translations into the interface texts edited in the admin."

    def add_arguments(self, parser):
        parser.add_argument("po_file")
        parser.add_argument("--language", default=catalogues.LANGUAGE)
        parser.add_argument("--user", help="Username recorded as the author of the changes.")

    def handle(self, *args, po_file, language, user, **options):
        if language not in interface_texts.editable_languages():
            raise CommandError(f"No catalogue of our own for {language!r}.")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user {user!r}.")
        try:
            imported, refused = interface_texts.import_from_po(language, po_file, author)
        except OSError as error:
            raise CommandError(f"Cannot read {po_file}: {error}") from error
        for msgid, errors in refused:
            self.stderr.write(f"Not imported: {msgid!r}: {' '.join(errors)}")
        self.stdout.write(f"{imported} interface texts imported, {len(refused)} refused")
