"""The Bulgarian catalogues of installed apps: which exist, what they cover, how they are rebuilt.

Each installed app that ships a catalogue has a template (its ``en`` catalogue, or for an app
without one, the strings xgettext finds in its Python source) and a Bulgarian catalogue of its own.
The project's catalogue of an app lives in ``locale/vendor/<app module>/bg/LC_MESSAGES/`` (one
directory per app, as the app's translation platform imports it) and, being in ``LOCALE_PATHS``,
wins over the package's own. Coverage is counted the way Django resolves a message at run time:
the ``django`` domain is one catalogue merged from every installed app, so the first hit wins in
the order ``LOCALE_PATHS``, then ``INSTALLED_APPS``, then Django's own ``conf/locale``; the
``djangojs`` domain is the app's own catalogue under ``LOCALE_PATHS`` (``JavaScriptCatalog``).
"""

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings

LANGUAGE = "bg"
DOMAINS = ("django", "djangojs")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# Apps with a locale/ directory but no `en` catalogue: their template comes from their source.
SOURCE_STRING_APPS = ("axes", "django_filters")
# Installed apps whose catalogue holds only text that this product never shows.
NOT_SHOWN = {
    "treebeard": "its strings belong to its Django-admin move form, which Wagtail does not use",
}
# The pofilter tests that find real breakage: a lost or changed placeholder (`printf`,
# `pythonbraceformat`: a Python format string that no longer matches raises or shows garbage),
# HTML markup that differs (`xmltags`), a plural with the wrong number of forms (`nplurals`)
# and a number that changed (`numbers`). `endpunc`, `doublespacing` and the other style tests
# flag correct Bulgarian (a colon moved inside quotes, "…" for "...") and are left out.
POFILTER_TESTS = ("printf", "pythonbraceformat", "xmltags", "nplurals", "numbers")


def vendor_root():
    return Path(settings.BASE_DIR) / "locale" / "vendor"


def own_catalogue():
    return Path(settings.BASE_DIR) / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def po_path(locale_dir, domain, language=LANGUAGE):
    return Path(locale_dir) / language / "LC_MESSAGES" / f"{domain}.po"


def entry_key(entry):
    """A message's key in a merged catalogue: its context and its singular source text."""
    return (entry.msgctxt or "", entry.msgid)


def is_translated(entry):
    return not entry.obsolete and entry.translated()


def load_po(path):
    return polib.pofile(str(path), wrapwidth=0) if Path(path).exists() else None


@dataclass(frozen=True)
class AppCatalogue:
    """One installed app's catalogue in one domain."""

    app: str  # the app's module path ("django" for Django's own conf/locale)
    domain: str
    locale_dir: Path  # the package's locale/ directory

    @property
    def name(self):
        return f"{self.app} ({self.domain})"

    @property
    def vendor_po(self):
        return po_path(vendor_root() / self.app, self.domain)

    @property
    def package_po(self):
        return po_path(self.locale_dir, self.domain)

    @property
    def has_en_template(self):
        return po_path(self.locale_dir, self.domain, "en").exists()

    @cached_property
    def template(self):
        """The messages to translate: the `en` catalogue's, or the app's source strings."""
        if self.has_en_template:
            source = load_po(po_path(self.locale_dir, self.domain, "en"))
        else:
            source = polib.pofile(source_strings_pot(Path(self.locale_dir).parent), wrapwidth=0)
        return [entry for entry in source if not entry.obsolete and entry.msgid]


def installed_catalogues():
    """Every catalogue of an installed app that shows text, Django's own first."""
    django_locale = Path(django.__file__).parent / "conf" / "locale"
    found = [AppCatalogue("django", "django", django_locale)]
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path).resolve()
        locale_dir = app_path / "locale"
        # Our own apps are not packages; the venv may lie inside the project (.venv), so an
        # installed app is told by where Python installs packages, not by the project's path.
        installed = {"site-packages", "dist-packages"} & set(app_path.parts)
        if not installed or not locale_dir.is_dir() or app_config.name in NOT_SHOWN:
            continue
        for domain in DOMAINS:
            catalogue = AppCatalogue(app_config.name, domain, locale_dir)
            if catalogue.has_en_template or (
                domain == "django" and app_config.name in SOURCE_STRING_APPS
            ):
                found.append(catalogue)
    return found


def source_strings_pot(package_dir):
    """The translatable strings of a package's Python modules, as makemessages extracts them."""
    modules = Path(package_dir).rglob("*.py")
    files = sorted(str(path) for path in modules if "tests" not in path.parts)
    keywords = [
        "gettext_noop",
        "gettext_lazy",
        "ngettext_lazy:1,2",
        "pgettext:1c,2",
        "npgettext:1c,2,3",
        "pgettext_lazy:1c,2",
        "npgettext_lazy:1c,2,3",
    ]
    result = subprocess.run(
        [  # noqa: S607 (GNU gettext's tools, found on PATH like make finds them)
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--output=-",
            "--no-wrap",
            *(f"--keyword={keyword}" for keyword in keywords),
            *files,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


class EffectiveCatalogue:
    """The Bulgarian messages of one domain as Django resolves them.

    A message counts as translated when any catalogue Django consults translates it; which one
    wins (the first) changes the wording, never whether the message is Bulgarian.
    """

    def __init__(self, domain, package_locale_dirs):
        self.translated_keys = set()
        for locale_dir in [*settings.LOCALE_PATHS, *package_locale_dirs]:
            catalogue = load_po(po_path(locale_dir, domain))
            if catalogue is not None:
                self.translated_keys.update(
                    entry_key(entry) for entry in catalogue if is_translated(entry)
                )

    def translates(self, entry):
        return entry_key(entry) in self.translated_keys

    @classmethod
    def for_domain(cls, domain):
        """`django`: every installed app in INSTALLED_APPS order, then Django's conf/locale."""
        app_dirs = [Path(config.path) / "locale" for config in apps.get_app_configs()]
        return cls(domain, [*app_dirs, Path(django.__file__).parent / "conf" / "locale"])


@dataclass
class Coverage:
    catalogue: AppCatalogue
    total: int
    package_translated: int  # by the package's own Bulgarian catalogue alone
    translated: int  # as Django resolves it, with the project's catalogues
    untranslated: list

    @property
    def share(self):
        return self.translated / self.total if self.total else 1.0


def coverage(catalogue, effective):
    package = load_po(catalogue.package_po)
    package_keys = (
        {entry_key(entry) for entry in package if is_translated(entry)} if package else set()
    )
    translated, missing = 0, []
    for entry in catalogue.template:
        if effective.translates(entry):
            translated += 1
        else:
            missing.append(entry)
    in_package = sum(entry_key(entry) in package_keys for entry in catalogue.template)
    return Coverage(catalogue, len(catalogue.template), in_package, translated, missing)


def all_coverage():
    django_domain = EffectiveCatalogue.for_domain("django")
    results = []
    for catalogue in installed_catalogues():
        if catalogue.domain == "django":
            effective = django_domain
        else:  # JavaScriptCatalog(packages=[app]): the app's own catalogue under LOCALE_PATHS
            effective = EffectiveCatalogue("djangojs", [catalogue.locale_dir])
        results.append(coverage(catalogue, effective))
    return results


def shipped_po_files():
    """Every PO file the project ships: its own catalogue and the vendor catalogues."""
    return [own_catalogue(), *sorted(vendor_root().glob(f"*/{LANGUAGE}/LC_MESSAGES/*.po"))]


def msgfmt_errors(path):
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)],  # noqa: S607 (on PATH)
        capture_output=True,
        text=True,
    )
    return result.stderr.strip() if result.returncode else ""


def pofilter_failures(path):
    """The messages of a PO file that fail the placeholder, markup and plural tests."""
    pofilter = Path(sys.executable).parent / "pofilter"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "failures.po"
        tests = [f"--test={name}" for name in POFILTER_TESTS]
        subprocess.run(
            [pofilter, "--progress=none", "--nofuzzy", *tests, str(path), str(report)],
            check=True,
            capture_output=True,
        )
        if not report.exists():
            return []
        return [
            (entry.msgid, re.findall(r"\(pofilter\) (\w+)", entry.tcomment or ""))
            for entry in polib.pofile(str(report))
            if entry.msgid
        ]


def differing_translations():
    """Messages of the `django` domain that two of our catalogues translate differently: Django
    merges the domain into one catalogue, so the first in LOCALE_PATHS wins for every app.
    Returns {(context, msgid): [(catalogue directory, msgstr), ...]} in LOCALE_PATHS order."""
    translations = {}
    for locale_dir in settings.LOCALE_PATHS:
        catalogue = load_po(po_path(locale_dir, "django"))
        for entry in catalogue or []:
            if is_translated(entry):
                text = entry.msgstr or entry.msgstr_plural.get(0, "")
                translations.setdefault(entry_key(entry), []).append((Path(locale_dir).name, text))
    return {
        key: found
        for key, found in translations.items()
        if len({text for _directory, text in found}) > 1
    }
