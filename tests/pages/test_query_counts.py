"""SQL budgets of every public page type in both languages, rendered uncached (the anonymous
page cache is off here): at most 8 queries for a detail page, 12 for home, listings, search and
feeds, however many items they show (no N+1). On a small bilingual site with a page of every
type, made with wagtail-factories (tests/factories.py)."""

import pytest

from pages.models import (
    ClusterLabelPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ProjectFundingPage,
    StandardPage,
)
from snippets.models import Organisation
from tests.factories import site_with_every_page_type

DETAIL_BUDGET = 8
LISTING_BUDGET = 12


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def site(locales):
    """A bilingual site with a page of every type (``site_with_every_page_type()``)."""
    return site_with_every_page_type()


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


def detail_pages(site, locale):
    """One page of every detail type, each with all the related items it can show."""
    language = locale.language_code
    event = EventPage.objects.live().filter(locale=locale).first()
    event.related_project = ProjectFundingPage.objects.get(locale=locale)
    event.organiser = Organisation.objects.filter(locale=locale).first()
    event.save_revision().publish()
    return [
        site[language]["news_people"],  # organisations and people
        site[language]["news_label"],  # funding project and topics
        event,
        ClusterLabelPage.objects.get(locale=locale),
        ProjectFundingPage.objects.get(locale=locale),
        StandardPage.objects.live().get(locale=locale),
    ]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_detail_pages_stay_within_their_query_budget(within_budget, site, locales, language):
    locale = locales[0] if language == "bg" else locales[1]
    pages = [page for page in detail_pages(site, locale) if page]
    assert len(pages) == 6
    for page in pages:
        within_budget(page.url, DETAIL_BUDGET)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_home_listings_search_and_feeds_stay_within_their_query_budget(
    within_budget, site, locales, language
):
    locale = locales[0] if language == "bg" else locales[1]
    news = NewsIndexPage.objects.get(locale=locale)
    events = EventIndexPage.objects.get(locale=locale)
    topic = NewsPage.objects.filter(locale=locale).exclude(topics=None).first().topics.first()
    urls = [
        site[language]["home"].url,
        news.url,
        f"{news.url}2018/",
        f"{news.url}2018/7/",
        f"{news.url}?topic={topic.slug}",
        events.url,
        f"{events.url}2023/",
        f"{events.url}2019/",
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
    within_budget, as_many_as, site, locales, index_model, page_model, fields
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
    within_budget, as_many_as, site, locales
):
    from pages.models import NewsPageOrganisation
    from tests.factories import OrganisationFactory

    page = site["bg"]["news_people"]
    OrganisationFactory.create_batch(2)  # four English organisations in all
    before = within_budget(page.url, DETAIL_BUDGET)
    for org in Organisation.objects.filter(locale=locales[1])[:4]:
        NewsPageOrganisation.objects.create(page=page, organisation=org)
    as_many_as(page.url, before)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_page_reads_wagtails_site_root_paths_once_however_many_links_it_has(
    client, site, language, settings, monkeypatch
):
    """Every page link (menu, listings, switcher) finds the site root paths kept on the request:
    one cache read per request, not one per link."""
    from wagtail.models import Site

    settings.FRAGMENT_CACHE_SECONDS = 0  # render every link
    reads = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: reads.append(1) or original())
    for name in ("home", "news", "events", "label"):
        url = site[language][name].url
        client.get(url)
        reads.clear()
        response = client.get(url)
        assert response.content.count(b"<a href=") >= 6 and len(reads) == 1, (url, len(reads))
