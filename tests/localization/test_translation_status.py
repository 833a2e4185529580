"""The translation status report and dashboard panel match what editors did."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from localization import status
from pages.models import NewsIndexPage, NewsPage
from tests.factories import base_news_sections


@pytest.fixture(autouse=True)
def news_sections(db):
    """The base site's news section in both languages (the seed's own statuses are checked in
    tests/sitecontent/test_seed_translation_status.py)."""
    return base_news_sections()


def statuses_of(title):
    rows = [row for row in status.page_rows() if row.title == title]
    assert len(rows) == 1, title
    return {code: state for code, (state, _obj) in rows[0].statuses.items()}


def test_statuses_follow_translate_publish_edit_and_sync(
    locales, django_capture_on_commit_callbacks
):
    bg, en = locales
    page = NewsPage(title="Status check", slug="status-check", intro="One.")
    NewsIndexPage.objects.get(locale=en).add_child(instance=page)
    page.save_revision().publish()
    assert statuses_of("Status check") == {"bg": status.MISSING}

    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=bg)
    translation.save_target(publish=False)
    assert statuses_of("Status check") == {"bg": status.DRAFT}

    translated = page.get_translation(bg)
    with django_capture_on_commit_callbacks(execute=True):
        translated.get_latest_revision().publish()
    assert statuses_of("Status check") == {"bg": status.UP_TO_DATE}

    page.intro = "Two."
    page.save_revision().publish()
    assert statuses_of("Status check") == {"bg": status.OUT_OF_DATE}

    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert statuses_of("Status check") == {"bg": status.UP_TO_DATE}


def test_report_lists_and_filters(admin_client, locales):
    page = NewsPage(title="Only English", slug="only-english")
    NewsIndexPage.objects.get(locale=locales[1]).add_child(instance=page)
    page.save_revision().publish()
    url = reverse("localization_translation_status")
    response = admin_client.get(url, {"status": "missing", "language": "bg"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [tr.td.get_text(strip=True) for tr in soup.select("tbody tr")]
    assert titles == ["Only English"]
    translate = soup.select_one("tbody a")["href"]
    assert translate == reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert admin_client.get(url, {"status": "bogus", "section": "x"}).status_code == 200


def test_dashboard_shows_progress_per_language(admin_client, locales):
    page = NewsPage(title="Untranslated", slug="untranslated")
    NewsIndexPage.objects.get(locale=locales[1]).add_child(instance=page)
    page.save_revision().publish()
    soup = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#translation-progress-title").find_parent("section")
    bars = {bar["aria-label"]: int(bar["value"]) for bar in panel.select("progress")}
    assert bars["EN"] == 100 and bars["BG"] < 100
    assert panel.select_one("a")["href"].startswith(reverse("localization_translation_status"))
