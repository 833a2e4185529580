"""Regenerate the project's Bulgarian catalogues of installed apps from the installed packages."""

import subprocess
import tempfile
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

from localization import catalogues


class Command(BaseCommand):
    help = (
        "Merge each vendor catalogue (locale/vendor/<app>/bg/LC_MESSAGES/) with the installed "
        "package's template (its en catalogue or its source strings): new messages are added "
        "untranslated, gone ones dropped, and the package's own Bulgarian fills what we lack. "
        "Lists what needs a translation. Without app names: the apps that have a vendor catalogue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "apps", nargs="*", help="app module paths (e.g. wagtail.images) to create or update"
        )

    def handle(self, *args, apps=(), verbosity=1, **options):
        installed = catalogues.installed_catalogues()
        unknown = set(apps) - {catalogue.app for catalogue in installed}
        if unknown:
            raise CommandError(f"No installed app with a catalogue: {', '.join(sorted(unknown))}")
        chosen = [
            catalogue
            for catalogue in installed
            if (catalogue.app in apps if apps else catalogue.vendor_po.exists())
        ]
        for catalogue in chosen:
            untranslated = update(catalogue)
            self.stdout.write(f"{catalogue.vendor_po}: {len(untranslated)} untranslated")
            if verbosity > 1:
                for entry in untranslated:
                    self.stdout.write(f"    {entry.msgid!r}")


def update(catalogue):
    """Merge one vendor catalogue with its template; return its untranslated entries."""
    target = catalogue.vendor_po
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.pot"
        template_po = polib.POFile(wrapwidth=0)
        template_po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        template_po.extend(catalogue.template)
        template_po.save(str(template))
        base = target if target.exists() else catalogue.package_po
        merged = Path(tmp) / "merged.po"
        if base.exists():
            subprocess.run(
                [  # noqa: S607 (GNU gettext's msgmerge, found on PATH)
                    "msgmerge",
                    "--quiet",
                    "--no-fuzzy-matching",
                    "--no-wrap",
                    "--lang=bg",
                    f"--output-file={merged}",
                    str(base),
                    str(template),
                ],
                check=True,
            )
        else:
            merged = template
        po = polib.pofile(str(merged), wrapwidth=0)
    for entry in po.obsolete_entries():
        po.remove(entry)
    package = catalogues.load_po(catalogue.package_po)
    package_translated = (
        {catalogues.entry_key(e): e for e in package if catalogues.is_translated(e)}
        if package
        else {}
    )
    for entry in po.untranslated_entries():
        source = package_translated.get(catalogues.entry_key(entry))
        if source is not None:
            entry.msgstr, entry.msgstr_plural = source.msgstr, dict(source.msgstr_plural)
        if entry.msgid_plural and not any(entry.msgstr_plural.values()):
            entry.msgstr_plural = {0: "", 1: ""}
    po.metadata.update(
        {
            "Project-Id-Version": catalogue.app,
            "Language": catalogues.LANGUAGE,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": catalogues.PLURAL_FORMS,
        }
    )
    for field, default in (
        ("PO-Revision-Date", po.metadata.get("POT-Creation-Date", "")),
        ("Last-Translator", "Sofia Knowledge City translators"),
        ("Language-Team", "Bulgarian"),
    ):
        po.metadata.setdefault(field, default)
    target.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(target))
    return po.untranslated_entries()
