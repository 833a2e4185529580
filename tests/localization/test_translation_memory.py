"""Translation memory: exact and fuzzy matches from published translations, the previous
version of a changed source, bulk pre-fill marked until confirmed, and a fixed query count."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from localization import memory
from localization.status import prefilled_counts
from pages.models import NewsIndexPage, NewsPage
from tests.factories import base_news_sections

SENTENCE = "The cluster opens a new laboratory for smart city sensors in Sofia."
SENTENCE_BG = "Клъстерът открива нова лаборатория за сензори за умни градове в София."
SIMILAR = "The cluster opens a new laboratory for smart city drones in Sofia."
UNRELATED = "Registration for the winter school closes on Friday."


def paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def english_page(locales, slug, *texts, intro=""):
    """A published English news item (under the base site's news section, made when needed)."""
    page = NewsPage(title=f"News {slug}", slug=slug, intro=intro, body=paragraphs(*texts))
    index = NewsIndexPage.objects.filter(locale=locales[1]).first() or base_news_sections()["en"]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def start_translation(page, locale):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=False)  # as "Translate" does: a draft with the source text
    return translation


def translate(translation, texts, *, capture=None):
    """Translate the body paragraphs as the editor does; publish when ``capture`` is given."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                context_id=segment.context_id,
                locale=translation.target_locale,
                defaults={"data": texts[segment.string.data], "translation_type": "manual"},
            )
    if capture is not None:
        with capture(execute=True):
            translation.save_target(publish=True)


def segment_with(translation, text):
    return StringSegment.objects.get(source=translation.source, string__data=text)


@pytest.fixture
def published_memory(locales, django_capture_on_commit_callbacks):
    page = english_page(locales, "lab-opens", SENTENCE)
    translation = start_translation(page, locales[0])
    translate(translation, {SENTENCE: SENTENCE_BG}, capture=django_capture_on_commit_callbacks)
    return page, translation


def by_source(found):
    return {item.segment.string.data: item for item in found}


def test_same_source_text_elsewhere_is_an_exact_match(locales, published_memory):
    translation = start_translation(english_page(locales, "again", SENTENCE, UNRELATED), locales[0])
    found = by_source(memory.suggestions(translation))
    match = found[SENTENCE].matches[0]
    assert (match.similarity, match.translation, match.exact) == (100, SENTENCE_BG, True)
    assert UNRELATED not in found  # nothing in memory comes near it


def test_a_similar_source_is_a_fuzzy_match_with_the_differing_words(locales, published_memory):
    translation = start_translation(english_page(locales, "drones", SIMILAR), locales[0])
    match = by_source(memory.suggestions(translation))[SIMILAR].matches[0]
    assert 75 <= match.similarity < 100
    assert not match.exact
    assert match.translation == SENTENCE_BG and match.source == SENTENCE
    changed = [(op, text) for op, text in match.diff if op != "equal"]
    assert changed == [("delete", "sensors"), ("insert", "drones")]


def test_unpublished_and_prefilled_translations_are_not_memory(locales):
    page = english_page(locales, "draft-only", SENTENCE)
    translate(start_translation(page, locales[0]), {SENTENCE: SENTENCE_BG})  # saved, unpublished
    translation = start_translation(english_page(locales, "again", SENTENCE), locales[0])
    assert SENTENCE not in by_source(memory.suggestions(translation))


def test_a_changed_source_shows_the_old_source_its_diff_and_the_old_translation(
    locales, django_capture_on_commit_callbacks
):
    page = english_page(locales, "intro-changes", intro=SENTENCE)
    translation = start_translation(page, locales[0])
    translate(translation, {SENTENCE: SENTENCE_BG}, capture=django_capture_on_commit_callbacks)
    page.intro = SIMILAR
    page.save_revision().publish()
    TranslationSource.update_or_create_from_instance(page)
    found = by_source(memory.suggestions(translation))[SIMILAR]
    assert found.previous.old_source == f"{SENTENCE}"
    assert found.previous.translation == SENTENCE_BG
    assert ("delete", "sensors") in found.previous.diff
    assert ("insert", "drones") in found.previous.diff


def test_exact_matches_are_applied_in_bulk_marked_until_a_translator_confirms(
    locales, published_memory, admin_client
):
    page = english_page(locales, "again", SENTENCE, UNRELATED)
    translation = start_translation(page, locales[0])
    response = admin_client.post(
        reverse("localization_apply_memory_matches", args=[translation.pk]),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    segment = segment_with(translation, SENTENCE)
    row = StringTranslation.objects.get(
        translation_of_id=segment.string_id, context_id=segment.context_id, locale=locales[0]
    )
    assert (row.data, row.tool_name) == (SENTENCE_BG, memory.MEMORY_TOOL_NAME)
    assert memory.unconfirmed_prefilled(translation).count() == 1
    assert prefilled_counts()[(page.translation_key, "bg")] == 1
    assert not StringTranslation.objects.filter(
        translation_of__data=UNRELATED, locale=locales[0]
    ).exists()
    # The translator confirms it in the editor (wagtail-localize's own string API).
    confirmed = admin_client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
        ),
        data=f"value={SENTENCE_BG}",
        content_type="application/x-www-form-urlencoded",
    )
    assert confirmed.status_code == 200
    row.refresh_from_db()
    assert row.tool_name == ""
    assert memory.unconfirmed_prefilled(translation).count() == 0


def test_prefilled_translations_are_not_memory_themselves(
    locales, published_memory, django_capture_on_commit_callbacks
):
    first = start_translation(english_page(locales, "again", SENTENCE), locales[0])
    assert memory.apply_exact_matches([first]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        first.save_target(publish=True)
    prefilled = memory.unconfirmed_prefilled(first).get()
    assert prefilled.data == SENTENCE_BG
    memory_ids = {row[0] for row in memory.memory_rows(locales[1].pk, locales[0].pk)}
    assert prefilled.pk not in memory_ids


@pytest.mark.parametrize("count", [20, 200])
def test_the_lookup_takes_the_same_queries_for_20_or_200_segments(
    locales, published_memory, django_assert_max_num_queries, count
):
    texts = [f"{SIMILAR} Paragraph number {n} of the report." for n in range(count)]
    translation = start_translation(english_page(locales, f"long-{count}", *texts), locales[0])
    with django_assert_max_num_queries(12):
        found = memory.suggestions(translation)
    assert len(found) == count


def test_the_editor_shows_the_panel_with_matches_and_the_bulk_action(
    locales, published_memory, admin_client
):
    page = english_page(locales, "again", SENTENCE, SIMILAR)
    translation = start_translation(page, locales[0])
    target = translation.get_target_instance()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-translation-memory" in html
    assert "Apply all 100% matches (1)" in html
    assert "100% match" in html and "% similar" in html
    assert SENTENCE_BG in html
    assert reverse("localization_download_xliff", args=[translation.pk]) in html
    assert "string-translation-buttons.js" in html


def test_the_editor_names_the_memory_in_the_admins_language(locales, published_memory):
    translation = start_translation(english_page(locales, "again", SENTENCE), locales[0])
    memory.apply_exact_matches([translation])
    row = memory.unconfirmed_prefilled(translation).get()
    with override("bg"):
        assert "преводна памет" in row.get_comment()
    with override("en"):
        assert "Translated with translation memory on" in row.get_comment()
