"""The one place where this project relies on Django internals for translations.

Interface texts edited in the admin (localization/interface_texts.py) must win over the compiled
catalogues in every running process without a restart. Django offers no public way to add
messages to a loaded catalogue: ``gettext`` looks messages up in the ``_catalog`` of the
``DjangoTranslation`` that ``trans_real.translation(language)`` caches per process, a
``TranslationCatalog`` whose ``_catalogs`` list is searched in order (first hit wins). We put one
dict of our own first in that list and swap it for a new one when the overrides change.
Pinned by tests/localization/test_interface_texts.py::test_compat_overlay_wins_over_the_catalogue.
Django has no public API for adding messages to a loaded catalogue at run time.
"""

from django.utils.translation import trans_real


def _catalog(language):
    return trans_real.translation(language)._catalog


def overlay_installed(language, overlay) -> bool:
    """Whether ``overlay`` (the dict last installed) is still first in the language's catalogue
    (Django drops its loaded catalogues when LOCALE_PATHS or INSTALLED_APPS change)."""
    catalogs = _catalog(language)._catalogs
    return bool(catalogs) and catalogs[0] is overlay


def install_overlay(language, overlay, previous=None) -> None:
    """Make ``overlay`` (keys as in a compiled catalogue: ``msgid``, ``"ctxt\\x04msgid"``,
    ``(msgid, plural index)``) the first catalogue consulted for ``language``, replacing
    ``previous`` (the overlay installed before, if it is still there)."""
    catalog = _catalog(language)
    catalogs, plurals = catalog._catalogs, catalog._plurals
    for index, found in enumerate(catalogs):
        if found is previous:
            catalogs[index] = overlay
            if index:
                catalogs.insert(0, catalogs.pop(index))
                plurals.insert(0, plurals.pop(index))
            return
    catalogs.insert(0, overlay)
    plurals.insert(0, trans_real.translation(language).plural)
