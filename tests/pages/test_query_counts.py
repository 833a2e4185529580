"""SQL budgets of every public page type in both languages, rendered uncached (the anonymous
page cache is off here): at most 8 queries for a detail page, 12 for home, listings, search and
feeds, however many items they show (no N+1)."""

import pytest
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

# The seed site: these tests still address its pages (not yet built with tests/factories.py).
pytestmark = pytest.mark.usefixtures("seed_site")

DETAIL_BUDGET = 8
LISTING_BUDGET = 12


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def within_budget(client, django_assert_max_num_queries):
    """Get ``url`` twice (the first fills the caches of sites, site root paths and renditions);
    the second must take at most ``budget`` queries (pytest-django lists them when it takes
    more). Its number of queries."""

    def get(url, budget):
        client.get(url)
        with django_assert_max_num_queries(budget, info=url) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    return get


@pytest.fixture
def as_many_as(client, django_assert_num_queries):
    """Get ``url`` twice, as ``within_budget`` does; the second must take exactly ``number``."""

    def get(url, number):
        client.get(url)
        with django_assert_num_queries(number, info=url):
            assert client.get(url).status_code == 200, url

    return get


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
def test_detail_pages_stay_within_their_query_budget(within_budget, locales, language):
    locale = locales[0] if language == "bg" else locales[1]
    pages = [page for page in detail_pages(locale) if page]
    assert len(pages) == 6
    for page in pages:
        within_budget(page.url, DETAIL_BUDGET)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_home_listings_search_and_feeds_stay_within_their_query_budget(
    within_budget, locales, language
):
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
    for url in urls:
        within_budget(url, LISTING_BUDGET)


@pytest.mark.parametrize(
    ("index_model", "page_model", "fields"),
    [
        (NewsIndexPage, NewsPage, {}),
        (EventIndexPage, EventPage, {"start_date": "2019-05-01"}),
    ],
)
def test_listing_queries_do_not_grow_with_items(
    within_budget, as_many_as, locales, index_model, page_model, fields
):
    index = index_model.objects.get(locale=locales[0])
    home = index.get_parent()
    before = {url: within_budget(url, LISTING_BUDGET) for url in (index.url, home.url)}
    for n in range(6):
        page = page_model(title=f"Още {n}", slug=f"oshte-{n}", **fields)
        index.add_child(instance=page)
        page.save_revision().publish()
    for url, number in before.items():
        as_many_as(url, number)


def test_news_page_queries_do_not_grow_with_related_organisations(
    within_budget, as_many_as, locales
):
    from pages.models import NewsPageOrganisation
    from sitecontent.loader import content_key
    from snippets.models import Organisation

    page = NewsPage.objects.get(
        translation_key=content_key("page", "news-16-plus-1"), locale=locales[0]
    )
    before = within_budget(page.url, DETAIL_BUDGET)
    for org in Organisation.objects.filter(locale=locales[1])[:4]:
        NewsPageOrganisation.objects.create(page=page, organisation=org)
    as_many_as(page.url, before)


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
