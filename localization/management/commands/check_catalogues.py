"""Check the Bulgarian catalogues: coverage per installed app, msgfmt, pofilter and the glossary."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from localization import catalogues
from localization.catalogue_glossary import check_catalogue, parse_glossary


class Command(BaseCommand):
    help = (
        "Report how much of each installed app's interface is Bulgarian and check every PO file "
        "we ship (msgfmt, placeholders and markup, the glossary); fail on a problem. "
        "-v 2 lists the untranslated messages and the glossary warnings."
    )

    def handle(self, *args, verbosity=1, **options):
        problems = [
            *self.check_coverage(verbosity),
            *self.check_files(),
            *self.check_glossary(verbosity),
        ]
        self.report_differences(verbosity)
        if problems:
            raise CommandError("\n".join(["Bulgarian catalogues:", *problems]))
        self.stdout.write("Bulgarian catalogues: all checks passed.")

    def check_coverage(self, verbosity):
        minimum = settings.CATALOGUE_MIN_COVERAGE
        problems = []
        rows = []
        own = catalogues.load_po(catalogues.own_catalogue())
        own_entries = [entry for entry in own if not entry.obsolete]
        own_translated = sum(catalogues.is_translated(entry) for entry in own_entries)
        rows.append(("ours: locale/bg (django)", len(own_entries), "", own_translated))
        if own_translated < len(own_entries):
            problems.append("  our own catalogue is not complete (it must be 100%)")
        for result in catalogues.all_coverage():
            rows.append(
                (
                    result.catalogue.name,
                    result.total,
                    result.package_translated,
                    result.translated,
                )
            )
            if result.share < minimum:
                problems.append(
                    f"  {result.catalogue.name}: {result.share:.1%} translated, "
                    f"below {minimum:.0%} ({len(result.untranslated)} to translate)"
                )
            if verbosity > 1:
                for entry in result.untranslated:
                    rows.append((f"    untranslated: {entry.msgid[:70]!r}", "", "", ""))
        heading = f"{'app (domain)':<44}{'messages':>9}{'package':>9}{'now':>7}{'share':>8}"
        self.stdout.write(heading)
        for name, total, package, now in rows:
            share = f"{now / total:.1%}" if isinstance(now, int) and total else ""
            self.stdout.write(f"{name:<44}{total!s:>9}{package!s:>9}{now!s:>7}{share:>8}")
        self.stdout.write(f"(the least share allowed: {minimum:.0%}; ours: 100%)")
        return problems

    def check_files(self):
        problems = []
        for path in catalogues.shipped_po_files():
            if errors := catalogues.msgfmt_errors(path):
                problems.append(f"  msgfmt --check {path}:\n{errors}")
            for msgid, tests in catalogues.pofilter_failures(path):
                problems.append(f"  {path}: {', '.join(tests)}: {msgid[:80]!r}")
        return problems

    def check_glossary(self, verbosity):
        terms = parse_glossary(Path(settings.BASE_DIR) / "docs" / "glossary.md")
        problems, warnings = [], 0
        for path in catalogues.shipped_po_files():
            violations, misses = check_catalogue(catalogues.load_po(path), terms, str(path))
            warnings += len(misses)
            for finding in violations:
                problems.append(
                    f"  glossary, {path}: {finding.problem}: "
                    f"{finding.msgid[:60]!r} → {finding.msgstr[:60]!r}"
                )
            if verbosity > 1:
                for finding in misses:
                    self.stdout.write(
                        f"glossary warning: {finding.problem}: {finding.msgid[:60]!r} → "
                        f"{finding.msgstr[:60]!r}"
                    )
        self.stdout.write(
            f"Glossary: {len(problems)} violations, {warnings} warnings (-v 2 lists them)."
        )
        return problems

    def report_differences(self, verbosity):
        """A warning: one message, several wordings; the first catalogue's is shown everywhere."""
        differing = catalogues.differing_translations()
        self.stdout.write(
            f"Consistency: {len(differing)} messages are worded differently in two of our "
            "catalogues; the first in LOCALE_PATHS is shown in every app (-v 2 lists them)."
        )
        if verbosity > 1:
            for (_context, msgid), found in differing.items():
                wordings = "; ".join(f"{directory}: {text[:40]!r}" for directory, text in found)
                self.stdout.write(f"consistency warning: {msgid[:50]!r}: {wordings}")
