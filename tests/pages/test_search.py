"""Site search: one language's live pages, Cyrillic in any case, and any query handled, on a
small bilingual site made with wagtail-factories (tests/factories.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.search.backends import get_search_backend

from pages.models import EventPage
from tests.factories import (
    ClusterLabelPageFactory,
    EventPageFactory,
    ProjectFundingPageFactory,
    translate,
)
from tests.factories import bilingual_site as make_bilingual_site

PROJECT_CODE = "BG16RFOP002-2.009-0018-C01"
CERTIFICATE = "BGR011201812C181103"
BIOSPHERE = "The summit provides the best possible cities while enhancing the biosphere."
BULGARIAN = {
    "Ecocity World Summit in London": "Световна среща на върха Ecocity в Лондон",
    "London": "Лондон",
    "United Kingdom": "Обединеното кралство",
    BIOSPHERE: "Срещата осигурява най-добрите градове, като обогатява биосферата.",
    "Cluster Management Excellence Label": "Знак за отлично управление на клъстери",
    "A short introduction.": "Кратко въведение.",
}


@pytest.fixture
def site(locales):
    """An English home with news and events, translated into Bulgarian (the default site's
    root), with: an event in London whose body mentions the biosphere; a cluster label page with
    its certificate number; a funded project (in English only) with its project number. Each
    page by language and name, indexed for search (Wagtail indexes pages in background tasks)."""
    bg, _en = locales
    pages = make_bilingual_site()
    en = pages["en"]
    en["ecocity"] = EventPageFactory(
        parent=en["events"],
        title="Ecocity World Summit in London",
        intro="A short introduction.",
        start_date=datetime.date(2023, 6, 1),
        city="London",
        country="United Kingdom",
        attendance=EventPage.Attendance.HYBRID,
        body=[("paragraph", f"<p>{BIOSPHERE}</p>")],
    )
    en["label"] = ClusterLabelPageFactory(
        parent=en["home"],
        title="Cluster Management Excellence Label",
        certificate_number=CERTIFICATE,
    )
    en["funding"] = ProjectFundingPageFactory(
        parent=en["home"],
        title="Organisational capacity and development strategy",
        project_number=PROJECT_CODE,
    )
    for name in ("ecocity", "label"):
        pages["bg"][name] = translate(en[name], bg, BULGARIAN).specific
    backend = get_search_backend()
    for language in ("en", "bg"):
        for page in pages[language].values():
            backend.add(page)
    return pages


def result_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".search-results a")]


def test_search_finds_pages_of_the_readers_language_only(client, site):
    assert result_titles(client, "/bg/search/?q=Ecocity") == [
        "Световна среща на върха Ecocity в Лондон"
    ]
    assert result_titles(client, "/en/search/?q=Ecocity") == ["Ecocity World Summit in London"]


@pytest.mark.parametrize("query", ["лондон", "ЛОНДОН", "Лондон", "лОнДоН"])
def test_cyrillic_queries_are_case_insensitive(client, site, query):
    assert "Световна среща на върха Ecocity в Лондон" in result_titles(
        client, f"/bg/search/?q={query}"
    )


def test_identifiers_with_punctuation_are_found(client, site):
    assert result_titles(client, f"/en/search/?q={PROJECT_CODE}")[:1] == [
        "Organisational capacity and development strategy"
    ]


def test_search_looks_into_body_text_and_fields(client, site):
    assert "Знак за отлично управление на клъстери" in result_titles(
        client, f"/bg/search/?q={CERTIFICATE}"
    )
    assert result_titles(client, "/bg/search/?q=биосферата") == [
        "Световна среща на върха Ecocity в Лондон"
    ]


def test_unpublished_pages_are_not_found(client, site):
    site["bg"]["ecocity"].unpublish()
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


def test_a_very_long_query_is_cut_and_shown(client, site):
    response = client.get("/en/search/", {"q": "Ecocity " + "x" * 500})
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").select_one("#search-query")
    assert len(field["value"]) == 200


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/bg/search/?q=Ecocity&page=2", "/en/search/?q=Ecocity"),
        ("/en/search/?q=%D0%BB%D0%BE%D0%BD", "/bg/search/?q=%D0%BB%D0%BE%D0%BD"),
        ("/bg/search/", "/en/search/"),
    ],
)  # fmt: skip
def test_the_switcher_carries_the_query_to_the_other_languages_search(client, site, url, expected):
    """A reader who switches language keeps the query; the page number is dropped (the other
    language may have fewer results)."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.select_one(".language-switcher a")["href"] == expected


@pytest.mark.parametrize(("language", "label"), [("bg", "Търсене"), ("en", "Search")])
def test_the_header_search_form_has_a_submit_button(client, site, language, label):
    """HTML CodeSniffer's H32 (WCAG 3.2.2): a form needs a submit button; this one is labelled
    in the page's language (visually hidden but reachable by keyboard and screen readers)."""
    soup = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    button = soup.select_one("form.header-search button[type=submit]")
    assert button is not None
    assert button.get_text(strip=True) == label
