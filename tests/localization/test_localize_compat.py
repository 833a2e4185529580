"""What compat/wagtail_localize.py relies on in wagtail-localize, pinned: the translation
editor's heading built in English by its JavaScript bundle, and our template handing the translated
heading to the script that replaces it."""

from pathlib import Path

import pytest
import wagtail_localize
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from compat import wagtail_localize as compat

BUNDLE = Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js"


def test_the_bundle_still_builds_the_heading_in_english():
    """If this fails, wagtail-localize changed how it writes the heading: see
    compat/wagtail_localize.py."""
    source = BUNDLE.read_text()
    assert "${r.sourceLocale.displayName} to ${r.locale.displayName} translation" in source
    assert compat.BUNDLE_HEADING == "{source} to {target} translation"
    assert '{className:"w-sr-only"},"More actions")' in source
    assert compat.BUNDLE_MORE_ACTIONS == "More actions"


@pytest.fixture
def translated_page(news):
    """The Bulgarian translation of tests/localization/conftest.py's news item."""
    _translation, _segment, page = news
    return page


def test_the_bundle_still_shows_a_string_translations_error_or_comment_under_its_segment():
    """compat/wagtail_localize.py 5.: findings reach the segment as its translation's error."""
    source = BUNDLE.read_text()
    assert "r.initialStringTranslations.forEach(e=>{n.set(e.segment_id," in source
    assert "isErrored:!!e.error,comment:e.error?e.error:e.comment" in source
    assert "isErrored:!!t.translation.error,comment:t.translation.error?" in source


@pytest.mark.parametrize(
    ("language", "bundle_heading", "heading", "more_actions"),
    [
        (
            "bg",
            "Английски to Български translation",
            "Превод от английски на български",
            "Още действия",
        ),
        (
            "en",
            "English to Bulgarian translation",
            "Translation from English into Bulgarian",
            "More actions",
        ),
    ],
)
def test_the_translation_editor_gets_its_heading_in_the_admins_language(
    client, translated_page, language, bundle_heading, heading, more_actions
):
    user = get_user_model().objects.create_superuser("heading-admin", "h@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language=language)
    client.force_login(user)
    response = client.get(f"/admin/pages/{translated_page.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".js-translation-editor") is not None
    script = soup.select_one("script[data-bundle-heading]")
    assert script["src"].endswith("localization/js/translation-editor-heading.js")
    assert (script["data-bundle-heading"], script["data-heading"]) == (bundle_heading, heading)
    assert (script["data-bundle-more-actions"], script["data-more-actions"]) == (
        "More actions",
        more_actions,
    )


@pytest.mark.parametrize(("language", "month"), [("bg", "ноември"), ("en", "November")])
def test_a_string_translations_note_writes_its_date_in_the_admins_language(db, language, month):
    """The editor's "Translated manually on …" (wagtail-localize formats it with strftime)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation
    from wagtail_localize.models import StringTranslation

    string_translation = StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
    ).first()
    string_translation.updated_at = datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("UTC"))
    with translation.override(language):
        comment = string_translation.get_comment()
    assert f"30 {month} 2026" in comment, comment
