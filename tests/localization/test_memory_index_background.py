"""The translation memory's word index is never built in a translator's lookup: exact matches
come from SQL at once, the index is rebuilt in a background thread when the memory's stamp in the
database changed (a publication in any process), and the previous index answers meanwhile."""

import pytest

from localization import memory

from .test_translation_memory import (
    SENTENCE,
    SENTENCE_BG,
    SIMILAR,
    UNRELATED,
    by_source,
    english_page,
    published_memory,  # noqa: F401 (a fixture)
    start_translation,
    translate,
)


@pytest.fixture
def in_background(settings):
    settings.SKC_MEMORY_INDEX_IN_BACKGROUND = True
    memory._indexes.clear()
    yield
    for thread in list(memory._rebuilds.values()):
        thread.join(timeout=120)
    memory._indexes.clear()


@pytest.mark.usefixtures("published_memory", "in_background")
def test_the_lookup_answers_from_sql_and_the_index_is_rebuilt_in_the_background(
    locales, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    bg, en = locales
    key = (en.pk, bg.pk)
    translation = start_translation(english_page(locales, "both", SENTENCE, SIMILAR), bg)

    with django_assert_max_num_queries(9):
        found = by_source(memory.suggestions(translation))

    assert found[SENTENCE].exact_match.translation == SENTENCE_BG  # from SQL
    assert SIMILAR not in found, "no index yet, and none built in the lookup"
    thread = memory._rebuilds[key]
    assert thread.name == f"translation-memory-index-{en.pk}-{bg.pk}"
    # The thread reads the committed database (not this test's transaction): the same build,
    # in the test's transaction, stands for it.
    thread.join(timeout=120)
    memory.rebuild_index(key)

    found = by_source(memory.suggestions(translation))
    assert found[SIMILAR].matches[0].source == SENTENCE
    assert memory._rebuilds[key] is thread, "a current index starts no rebuild"

    # A publication into Bulgarian (any process: the stamp is read from the database).
    other = start_translation(english_page(locales, "other", UNRELATED), bg)
    translate(other, {UNRELATED: "Записването приключва в петък."}, capture=(
        django_capture_on_commit_callbacks
    ))  # fmt: skip

    found = by_source(memory.suggestions(translation))
    assert found[SIMILAR].matches[0].source == SENTENCE, "the previous index answers meanwhile"
    assert memory._rebuilds[key] is not thread, "and a rebuild has started"
