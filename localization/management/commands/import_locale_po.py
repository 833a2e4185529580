"""Read back PO files exported with export_locale_po; each file is checked as the admin upload
checks it, and a bad file changes nothing."""

from pathlib import Path

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail_localize.models import Translation

from localization.po_upload import TRANSLATION_ID_HEADER, BadUpload, check_entries, read_po


class Command(BaseCommand):
    help = "Import translated PO files from DIRECTORY (as written by export_locale_po)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        files = sorted(directory.glob("*.po"))
        if not files:
            raise CommandError(f"No .po files in {directory}")
        imported, refused = 0, 0
        for number, path in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {path.name}:"
            try:
                self.import_file(path)
            except BadUpload as error:
                refused += 1
                self.stderr.write(f"{prefix} refused, nothing changed: {error}")
                continue
            imported += 1
            self.stdout.write(f"{prefix} imported")
        self.stdout.write(self.style.SUCCESS(f"Imported {imported} file(s); refused {refused}."))
        if refused:
            raise CommandError(f"{refused} file(s) were refused; see the messages above.")

    def import_file(self, path):
        content = path.read_bytes()
        upload = SimpleUploadedFile(path.name, content)
        try:
            header = polib.pofile(content.decode("utf-8")).metadata.get(TRANSLATION_ID_HEADER)
        except (UnicodeDecodeError, OSError, ValueError):
            header = None
        translation = Translation.objects.filter(uuid=header).first() if header else None
        if translation is None:
            raise BadUpload("the file names no translation of this site")
        po = read_po(upload, translation)
        check_entries(po, translation)
        with transaction.atomic():
            translation.import_po(po, tool_name="PO File")
