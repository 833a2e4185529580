"""Read back XLIFF files exported with export_locale_xliff, each checked as the admin upload
checks it (import_locale_po's rules: a refused file changes nothing)."""

from localization.management.commands import import_locale_po
from localization.po_upload import XLIFF_TOOL_NAME
from localization.xliff import read_xliff


class Command(import_locale_po.Command):
    help = "Import translated XLIFF files from DIRECTORY (as written by export_locale_xliff)."
    pattern = "*.xlf"
    tool_name = XLIFF_TOOL_NAME

    def read(self, data):
        return read_xliff(data)
