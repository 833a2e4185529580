"""Export the glossary as a TBX-Basic file (ISO 30042)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from localization.models import GlossaryTerm
from localization.quality.tbx import export_tbx


class Command(BaseCommand):
    help = "Export the glossary as TBX-Basic (to the file given, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")

    def handle(self, *args, file=None, **options):
        data = export_tbx(GlossaryTerm.objects.all())
        if file is None:
            sys.stdout.buffer.write(data)
        else:
            file.write_bytes(data)
            self.stdout.write(
                self.style.SUCCESS(f"{GlossaryTerm.objects.count()} term(s) written.")
            )
