"""Our own messages with a generic English text carry a context (pgettext), so that they stop
overriding Wagtail's wording of the same text: Django merges every catalogue of a language into
one table, and ours (first in LOCALE_PATHS) wins for every app (docs/glossary.md)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext


@pytest.mark.parametrize(
    ("msgid", "wagtails"),
    [
        ("requested by", "поискано от"),  # Wagtail's workflow and task reports
        ("started at", "започнат на"),
        ("finished at", "завършен на"),
    ],
)
def test_wagtails_generic_messages_keep_wagtails_wording(msgid, wagtails):
    with translation.override("bg"):
        assert gettext(msgid) == wagtails


@pytest.mark.parametrize(
    ("context", "msgid", "ours"),
    [
        ("subtree translation", "requested by", "заявено от"),
        ("subtree translation", "started at", "започнато на"),
        ("subtree translation", "finished at", "завършено на"),
        ("cluster label", "Label", "Знак"),
    ],
)
def test_our_meanings_have_a_context(context, msgid, ours):
    with translation.override("bg"):
        assert pgettext(context, msgid) == ours
