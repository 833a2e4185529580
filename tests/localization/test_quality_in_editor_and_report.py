"""Where translators see the findings: beside the segment in wagtail-localize's translation
editor (its props and the answer of its "save string" API), in a panel above it, and in the
translation status report as counts per translation with a "has errors" filter; in Bulgarian
for a Bulgarian admin."""

import json

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.localization.conftest import WRONG_TITLE, put_string

REFUSED_YEAR = "Числата се различават (липсват: —; добавени: 2019)."


def editor_props(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.select_one(".js-translation-editor")["data-props"])


def test_saving_a_string_answers_with_its_findings_beside_the_segment(client, users, news):
    translation, segment, _page = news
    client.force_login(users["translator_bg"])
    answer = put_string(client, translation, segment, WRONG_TITLE).json()
    assert answer["segment_id"] == segment.pk
    assert REFUSED_YEAR in answer["error"]
    assert answer["error"].startswith("Грешка: ")

    fixed = put_string(
        client, translation, segment, "Работни срещи на клъстера в Обединеното кралство"
    )
    assert not fixed.json()["error"]


def test_the_editor_shows_the_findings_beside_the_segment_and_in_a_panel(client, users, news):
    translation, segment, page = news
    client.force_login(users["translator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    [title] = [
        item
        for item in editor_props(response)["initialStringTranslations"]
        if item["segment_id"] == segment.pk
    ]
    assert REFUSED_YEAR in title["error"]

    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-translation-checks]")
    item = panel.select_one(f"[data-segment-id='{segment.pk}']")
    assert item.select_one("[data-finding=numbers][data-severity=error]")
    assert REFUSED_YEAR in item.get_text()
    assert "1 грешка" in panel.select_one("[data-check-counts]").get_text()
    assert panel.select_one("[data-override-errors]") is None, "a translator may not override"


def test_a_moderator_is_offered_the_override_form(client, users, news):
    translation, segment, page = news
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-translation-checks]")
    assert panel.select_one("[data-override-errors] textarea[name=reason]")


def report(client, **params):
    response = client.get(reverse("localization_translation_status"), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_status_report_counts_errors_and_filters_the_translations_with_errors(
    client, users, news
):
    translation, segment, _page = news
    StringTranslation.objects.filter(
        translation_of=segment.string, locale=translation.target_locale
    ).update(data=WRONG_TITLE)
    client.force_login(users["moderator_bg"])

    everything = report(client)
    with_errors = report(client, checks="errors")
    rows = with_errors.select("tbody tr")
    assert len(rows) < len(everything.select("tbody tr"))
    titles = [row.find("td").get_text(strip=True) for row in rows]
    assert translation.source.get_source_instance().title in titles
    counts = with_errors.select_one("[data-check-errors='1']")
    assert counts is not None and counts.get_text(strip=True).startswith("1 грешка")
    assert with_errors.select_one("input[name=checks][value=errors]").has_attr("checked")
    assert "С грешки" in with_errors.get_text()
