"""Read back PO files exported with export_locale_po; each file is checked as the admin upload
checks it, and a refused file changes nothing. Importing publishes nothing (wagtail-localize's
``import_po`` stores the strings); a file whose translation now has errors is listed with the
reason its publishing will be refused (localization/quality/publishing.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from localization.po_upload import (
    OVERWRITE,
    PO_TOOL_NAME,
    BadUpload,
    NeedsConfirmation,
    import_checked,
    read_po,
    translation_named_by,
)
from localization.quality.publishing import target_of, translation_refusal


class Command(BaseCommand):
    help = "Import translated PO files from DIRECTORY (as written by export_locale_po)."
    pattern = "*.po"
    tool_name = PO_TOOL_NAME

    def read(self, data):
        """The file's content as a checked ``polib.POFile`` naming its translation."""
        return read_po(data)

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace translations changed after the export and values that look "
            "truncated (without it, such files are refused and their entries listed).",
        )

    def handle(self, *args, directory, overwrite, **options):
        files = sorted(directory.glob(self.pattern))
        if not files:
            raise CommandError(f"No {self.pattern} files in {directory}")
        imported, refused = 0, 0
        for number, path in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {path.name}:"
            try:
                po = self.read(path.read_bytes())
                translation = translation_named_by(po)
                import_checked(
                    po,
                    translation,
                    approved=OVERWRITE if overwrite else None,
                    tool_name=self.tool_name,
                )
            except BadUpload as error:
                refused += 1
                self.stderr.write(f"{prefix} refused, nothing changed: {error}")
                continue
            except NeedsConfirmation as question:
                refused += 1
                self.stderr.write(f"{prefix} refused, nothing changed: {self.listing(question)}")
                continue
            imported += 1
            reason = translation_refusal(translation, target_of(translation))
            self.stdout.write(f"{prefix} imported" + (f"; {reason}" if reason else ""))
        self.stdout.write(self.style.SUCCESS(f"Imported {imported} file(s); refused {refused}."))
        if refused:
            raise CommandError(f"{refused} file(s) were refused; see the messages above.")

    def listing(self, question):
        lines = [
            _(
                "it would replace these translations (check them, then run again with "
                "--overwrite to replace them):"
            )
        ]
        for replacement in question.replacements:
            lines += [
                f"  “{replacement.source_text}” ({'; '.join(replacement.reasons)})",
                "    " + _("now: %(text)s") % {"text": replacement.current or "—"},
                "    " + _("in the file: %(text)s") % {"text": replacement.incoming},
            ]
        return "\n".join(lines)
