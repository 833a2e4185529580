"""Import glossary terms from a TBX file (ISO 30042): all of it, or nothing if it is bad."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from localization.quality.tbx import TBXError, import_tbx


class Command(BaseCommand):
    help = "Import glossary terms from a TBX file (TBX-Basic v3 or TBX v2); nothing if it is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Leave terms already in the glossary as they are.",
        )

    def handle(self, *args, file, keep_existing=False, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            created, updated = import_tbx(data, replace_existing=not keep_existing)
        except TBXError as error:
            raise CommandError(f"{file} was not imported: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"{created} term(s) created, {updated} updated."))
