"""SQL budgets of every public page type in both languages, rendered uncached (the anonymous
page cache is off here): at most 8 queries for a detail page, 12 for home, listings, search and
feeds, however many items they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import HomePage
from pages.models import (
    ClusterLabelPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ProjectFundingPage,
    StandardPage,
)
from sitecontent.loader import content_key
from snippets.models import Organisation

DETAIL_BUDGET = 8
LISTING_BUDGET = 12


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


class QueryCount(int):
    """A number of queries that shows the queries themselves in a failed assertion."""

    def __new__(cls, queries):
        count = super().__new__(cls, len(queries))
        count.queries = [query["sql"][:200] for query in queries]
        return count

    def __repr__(self):
        return f"{int(self)} {self.queries}"


def queries_for(client, url):
    client.get(url)  # warm the cache of sites, site root paths and renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return QueryCount(context.captured_queries)


def detail_pages(locale):
    """One page of every detail type, each with all the related items it can show."""
    event = EventPage.objects.live().filter(locale=locale).first()
    event.related_project = ProjectFundingPage.objects.get(locale=locale)
    event.organiser = Organisation.objects.filter(locale=locale).first()
    event.save_revision().publish()
    return [
        page_in(locale, "news-16-plus-1"),  # organisations and people
        page_in(locale, "news-label"),  # funding project and topics
        event,
        ClusterLabelPage.objects.get(locale=locale),
        ProjectFundingPage.objects.get(locale=locale),
        StandardPage.objects.live().get(locale=locale),
    ]


def page_in(locale, key):
    return Page.objects.get(translation_key=content_key("page", key), locale=locale)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_detail_pages_stay_within_their_query_budget(client, locales, language):
    locale = locales[0] if language == "bg" else locales[1]
    costs = {page.url: queries_for(client, page.url) for page in detail_pages(locale) if page}
    assert len(costs) == 6
    assert max(costs.values()) <= DETAIL_BUDGET, costs


@pytest.mark.parametrize("language", ["bg", "en"])
def test_home_listings_search_and_feeds_stay_within_their_query_budget(client, locales, language):
    locale = locales[0] if language == "bg" else locales[1]
    news = NewsIndexPage.objects.get(locale=locale)
    events = EventIndexPage.objects.get(locale=locale)
    topic = NewsPage.objects.filter(locale=locale).exclude(topics=None).first().topics.first()
    urls = [
        HomePage.objects.get(locale=locale).url,
        news.url,
        f"{news.url}2018/",
        f"{news.url}2018/7/",
        f"{news.url}?topic={topic.slug}",
        events.url,
        f"{events.url}2023/",
        f"/{language}/search/?q=cluster",
        f"/{language}/feeds/news.rss",
        f"/{language}/feeds/events.ics",
        "/sitemap.xml",
    ]
    costs = {url: queries_for(client, url) for url in urls}
    assert max(costs.values()) <= LISTING_BUDGET, costs


@pytest.mark.parametrize(
    ("index_model", "page_model", "fields"),
    [
        (NewsIndexPage, NewsPage, {}),
        (EventIndexPage, EventPage, {"start_date": "2019-05-01"}),
    ],
)
def test_listing_queries_do_not_grow_with_items(client, locales, index_model, page_model, fields):
    index = index_model.objects.get(locale=locales[0])
    home = index.get_parent()
    before = {url: queries_for(client, url) for url in (index.url, home.url)}
    for n in range(6):
        page = page_model(title=f"Още {n}", slug=f"oshte-{n}", **fields)
        index.add_child(instance=page)
        page.save_revision().publish()
    after = {url: queries_for(client, url) for url in (index.url, home.url)}
    assert after == before


def test_news_page_queries_do_not_grow_with_related_organisations(client, locales):
    from pages.models import NewsPageOrganisation
    from sitecontent.loader import content_key
    from snippets.models import Organisation

    page = NewsPage.objects.get(
        translation_key=content_key("page", "news-16-plus-1"), locale=locales[0]
    )
    before = queries_for(client, page.url)
    for org in Organisation.objects.filter(locale=locales[1])[:4]:
        NewsPageOrganisation.objects.create(page=page, organisation=org)
    after = queries_for(client, page.url)
    assert after == before


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_page_reads_wagtails_site_root_paths_once_however_many_links_it_has(
    client, locales, language, settings, monkeypatch
):
    """Every page link (menu, listings, switcher) finds the site root paths kept on the request:
    one cache read per request, not one per link."""
    from wagtail.models import Site

    settings.FRAGMENT_CACHE_SECONDS = 0  # render every link
    locale = locales[0] if language == "bg" else locales[1]
    reads = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: reads.append(1) or original())
    for page in (HomePage, NewsIndexPage, EventIndexPage, ClusterLabelPage):
        url = page.objects.get(locale=locale).url
        client.get(url)
        reads.clear()
        response = client.get(url)
        assert response.content.count(b"<a href=") >= 6 and len(reads) == 1, (url, len(reads))
