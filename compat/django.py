"""Django 5.2 internals this project relies on, in one place; each pinned by
tests/compat/test_compat.py (the catalogue overlay by
tests/localization/test_interface_texts.py too).

Translations

Interface texts edited in the admin (localization/interface_texts.py) must win over the compiled
catalogues in every running process without a restart. Django offers no public way to add
messages to a loaded catalogue: ``gettext`` looks messages up in the ``_catalog`` of the
``DjangoTranslation`` that ``trans_real.translation(language)`` caches per process, a
``TranslationCatalog`` whose ``_catalogs`` list is searched in order (first hit wins). We put one
dict of our own first in that list and swap it for a new one when the overrides change.
Pinned by tests/localization/test_interface_texts.py::test_compat_overlay_wins_over_the_catalogue.
Django has no public API for adding messages to a loaded catalogue at run time.
"""

import contextlib

from django.utils.translation import trans_real

# Set by CsrfViewMiddleware when something asked for the CSRF token (``get_token``), so that the
# response sets the cookie: the marker Django itself reads (django/middleware/csrf.py).
CSRF_TOKEN_USED = "CSRF_COOKIE_NEEDS_UPDATE"  # noqa: S105 (a request.META key, no secret)


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


def csrf_token_used(request) -> bool:
    """Whether something rendered for ``request`` used its CSRF token (a form): such a response
    is the reader's own and is never kept. Django has no public "was the token used"
    (``get_token`` marks ``request.META[CSRF_TOKEN_USED]``); no upstream issue found."""
    return bool(request.META.get(CSRF_TOKEN_USED))


@contextlib.contextmanager
def noting_csrf_token_use(request):
    """While the block runs, note whether it used the CSRF token; the block yields a function
    answering that. The request keeps the mark if it had it or the block used the token."""
    before = request.META.get(CSRF_TOKEN_USED, False)
    request.META[CSRF_TOKEN_USED] = False
    used = []
    try:
        yield lambda: used[0]
    finally:
        used.append(bool(request.META.get(CSRF_TOKEN_USED)))
        request.META[CSRF_TOKEN_USED] = before or used[0]


def raw_host(request) -> str:
    """The request's host as sent, without Django's ALLOWED_HOSTS check
    (``HttpRequest._get_raw_host``): the key Wagtail's own site lookup matches on
    (wagtail/models/sites.py, ``Site._find_for_request``); ``get_host`` would raise for a host
    that Django refuses later anyway."""
    return request._get_raw_host()


def mark_committed(field_file) -> None:
    """Tell a ``FieldFile`` whose content was just stored (under ``field_file.name``) not to
    store it again when its row is saved: what ``FieldFile.save`` does after storing, through
    the private ``_committed``. Django has no public way to store a file while keeping the
    uploaded content open (Wagtail reads its size and hash next); no upstream issue found."""
    field_file._committed = True


class AfterModelValidationMixin:
    """For a ``ModelForm``: ``after_model_validation()`` runs once the instance is built and
    validated, inside ``is_valid()``. Django calls ``ModelForm._post_clean`` for that step and
    offers no public hook after it (``clean`` runs before the instance is built)."""

    def _post_clean(self):
        super()._post_clean()
        self.after_model_validation()

    def after_model_validation(self):
        pass
