"""Site search: one language's live pages, Cyrillic in any case, and any query handled."""

import pytest
from bs4 import BeautifulSoup


def result_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".search-results a")]


def test_search_finds_pages_of_the_readers_language_only(client, db):
    assert result_titles(client, "/bg/search/?q=Ecocity") == [
        "Световна среща на върха Ecocity в Лондон"
    ]
    assert result_titles(client, "/en/search/?q=Ecocity") == ["Ecocity World Summit in London"]


@pytest.mark.parametrize("query", ["лондон", "ЛОНДОН", "Лондон", "лОнДоН"])
def test_cyrillic_queries_are_case_insensitive(client, db, query):
    assert "Световна среща на върха Ecocity в Лондон" in result_titles(
        client, f"/bg/search/?q={query}"
    )


def test_identifiers_with_punctuation_are_found(client, db):
    assert result_titles(client, "/en/search/?q=BG16RFOP002-2.009-0018-C01")[:1] == [
        "Organisational capacity and development strategy"
    ]


def test_search_looks_into_body_text_and_fields(client, db):
    assert "Знак за отлично управление на клъстери" in result_titles(
        client, "/bg/search/?q=BGR011201812C181103"
    )
    assert result_titles(client, "/bg/search/?q=биосферата") == [
        "Световна среща на върха Ecocity в Лондон"
    ]


def test_unpublished_pages_are_not_found(client, locales):
    from pages.models import EventPage

    page = EventPage.objects.get(locale=locales[0], title__contains="Ecocity")
    page.unpublish()
    assert result_titles(client, "/bg/search/?q=Ecocity") == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', "'", "*", "(", ")", "AND", "OR NOT", "-", ":", "%", "\\", "a" * 5000,
     "😀 емоджи", "\x00", "<script>alert(1)</script>", 'title:"x', "\"unterminated", "NEAR(a b)"],
)  # fmt: skip
def test_odd_queries_are_answered(client, db, query):
    response = client.get("/bg/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_a_very_long_query_is_cut_and_shown(client, db):
    response = client.get("/en/search/", {"q": "Ecocity " + "x" * 500})
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").select_one("#search-query")
    assert len(field["value"]) == 200
