"""The cluster's content as `make run` loads it: both languages, real translations, idempotent."""

import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from localization.translate import translate_with_strings
from pages.models import ClusterLabelPage, EventPage, NewsPage, ProjectFundingPage
from sitecontent import pages as seed_pages
from sitecontent.loader import content_key
from snippets.models import Organisation, Person, Topic


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            Translation,
            TranslationSource,
            StringTranslation,
            Organisation,
            Person,
            Topic,
        )
    }


def test_loading_the_content_twice_changes_nothing(db):
    before = snapshot()
    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    assert snapshot() == before
    assert "0 object(s) created, 0 translation(s) made" in out.getvalue()


def test_every_page_has_a_live_translation_in_the_other_language(locales):
    bg, en = locales
    pages = Page.objects.filter(depth__gte=2)
    assert pages.filter(locale=bg).count() == pages.filter(locale=en).count() == 17
    for page in pages:
        other = en if page.locale == bg else bg
        translation = page.get_translation_or_none(other)
        assert translation is not None and translation.live, page


@pytest.mark.parametrize("spec", seed_pages.PAGES, ids=lambda spec: spec["key"])
def test_each_page_reads_in_its_own_language(client, locales, spec):
    bg, en = locales
    source = Page.objects.get(translation_key=content_key("page", spec["key"]), locale=en)
    target = source.get_translation(bg)
    for page, lang, other in ((source, "en", "bg"), (target, "bg", "en")):
        response = client.get(page.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == lang
        assert soup.h1.get_text(strip=True) == spec["title"].get(lang)
        main = soup.main.get_text(" ", strip=True)
        if spec.get("intro"):
            assert spec["intro"].get(lang) in main
            assert spec["intro"].get(other) not in main


def test_bulgarian_slugs_are_latin_transliterations(locales):
    bg, _en = locales
    slugs = list(Page.objects.filter(locale=bg, depth__gte=3).values_list("slug", flat=True))
    assert slugs and all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    assert "sabitia" in slugs and "za-klastera" in slugs


def test_bulgarian_pages_are_wagtail_localize_translations_of_the_english(locales):
    bg, en = locales
    for spec in seed_pages.PAGES:
        source_page = Page.objects.get(translation_key=content_key("page", spec["key"]), locale=en)
        source = TranslationSource.objects.get_for_instance(source_page)
        assert source.locale == en
        translation = Translation.objects.get(source=source, target_locale=bg)
        progress = translation.get_progress()
        assert progress[0] == progress[1], f"{spec['key']} is not fully translated: {progress}"


def test_a_later_edit_of_the_source_syncs_to_the_translation(locales):
    bg, en = locales
    source = NewsPage.objects.get(translation_key=content_key("page", "news-survey"), locale=en)
    source.intro = "A survey on sustainable workplaces in SMEs."
    source.save_revision().publish()
    strings = {
        "A survey on sustainable workplaces in SMEs.": "Проучване за устойчиви работни места."
    }
    for spec in seed_pages.PAGES:
        if spec["key"] == "news-survey":
            from sitecontent.text import translation_pairs

            strings |= dict(translation_pairs([spec["title"], spec["body"]]))
    translated = translate_with_strings(source, bg, strings, slug=source.get_translation(bg).slug)
    translated.refresh_from_db()
    assert translated.intro == "Проучване за устойчиви работни места."
    assert translated.live


def test_facts_of_the_seed_are_on_the_pages(locales):
    bg, en = locales
    label = ClusterLabelPage.objects.get(locale=en)
    assert label.certificate_number == "BGR011201812C181103"
    assert label.level == "bronze"
    assert label.issuer.short_name == "ESCA"
    assert label.get_translation(bg).issuer.locale == bg
    funding = ProjectFundingPage.objects.get(locale=bg)
    assert funding.project_number == "BG16RFOP002-2.009-0018-C01"
    assert funding.fund == "erdf"
    assert funding.budget is None, "the seeds give no budget: none is invented"
    assert funding.programming_period == "2014-2020"
    assert funding.programme.locale == bg
    assert funding.aims.startswith("Създаване на организационен капацитет")
    assert "BRONZE" in funding.results
    assert funding.start_date is None, "the seeds give no dates: none are invented"
    exhibition = EventPage.objects.get(
        translation_key=content_key("page", "event-ee-re-2017"), locale=bg
    )
    assert (exhibition.hall, exhibition.our_role) == ("Зала 6", "exhibitor")
    scse = EventPage.objects.get(translation_key=content_key("page", "event-scse-2023"), locale=en)
    assert (str(scse.start_date), str(scse.end_date)) == ("2023-03-28", "2023-04-01")
    assert scse.topics.filter(slug="ai-iot").exists()
    ecocity = EventPage.objects.get(
        translation_key=content_key("page", "event-ecocity-2023"), locale=en
    )
    assert (ecocity.date_precision, ecocity.attendance, ecocity.expected_audience) == (
        "month",
        "hybrid",
        3000,
    )


@pytest.mark.parametrize(
    ("lang", "label_texts", "event_texts"),
    [
        (
            "bg",
            ["21 февруари 2019", "декември 2018", "Изтекъл на 21 февруари 2021"],
            {"event-scse-2023": "28 март – 1 април 2023", "event-ecocity-2023": "юни 2023"},
        ),
        (
            "en",
            ["21 February 2019", "December 2018", "Expired on 21 February 2021"],
            {"event-scse-2023": "28 March – 1 April 2023", "event-ecocity-2023": "June 2023"},
        ),
    ],
)
def test_dates_read_in_the_readers_language(client, locales, lang, label_texts, event_texts):
    locale = locales[0] if lang == "bg" else locales[1]
    label = ClusterLabelPage.objects.get(locale=locale)
    text = BeautifulSoup(client.get(label.url).content, "html.parser").main.get_text(" ")
    for expected in label_texts:
        assert expected in text
    for key, expected in event_texts.items():
        event = EventPage.objects.get(translation_key=content_key("page", key), locale=locale)
        page = BeautifulSoup(client.get(event.url).content, "html.parser")
        assert page.select_one(".page-header__eyebrow").get_text(strip=True) == expected


def test_label_validity_is_derived_from_the_date(locales):
    label = ClusterLabelPage.objects.get(locale=locales[1])
    assert label.is_valid_on(label.valid_until)
    assert not label.is_valid_on(label.valid_until + datetime.timedelta(days=1))
    assert label.is_valid_on(label.awarded_on)
    assert not label.is_valid, "the 2019 label expired in 2021"


def test_related_people_and_organisations_read_in_the_pages_language(client, locales):
    for locale, person, place in zip(
        locales, ("Стенли Уей", "Stanley Wei"), ("Шанхай, Китай", "Shanghai, China"), strict=True
    ):
        page = NewsPage.objects.get(
            translation_key=content_key("page", "news-16-plus-1"), locale=locale
        )
        text = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(".related")
        assert person in text.get_text(" ") and place in text.get_text(" ")


def test_load_site_content_twice_changes_nothing_once_committed(
    db, django_capture_on_commit_callbacks
):
    """(from tests/home/test_foundation.py) The second load, its on-commit work run too."""
    counts = (Page.objects.count(), Revision.objects.count(), Translation.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_site_content", stdout=io.StringIO())
    assert (Page.objects.count(), Revision.objects.count(), Translation.objects.count()) == counts
