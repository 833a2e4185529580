"""Write one XLIFF 1.2 file per translation into a language, for translators who work in a CAT
tool (memoQ, Trados, OmegaT, Phrase); as export_locale_po, each records when it was exported."""

from localization.management.commands import export_locale_po
from localization.xliff import export_xliff


class Command(export_locale_po.Command):
    help = "Export the XLIFF 1.2 files of every translation into LANGUAGE into DIRECTORY."
    suffix = ".xlf"

    def export(self, translation) -> bytes:
        return export_xliff(translation)
