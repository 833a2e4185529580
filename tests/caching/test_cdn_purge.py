"""A configured CDN (wagtail.contrib.frontend_cache, here a purge endpoint on loopback) is
purged of what each change makes stale: a page made private and the pages below it, the old
and new addresses after a new slug or a move, and the pages that show a changed snippet, image
or topic (recorded under the cache tags they declared when given ``s-maxage``), and no more."""

import io

import pytest
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Locale, Page, PageViewRestriction

from caching import cdn_index
from pages.models import NewsPage, NewsPageOrganisation
from snippets.models import Organisation
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    TopicFactory,
    bilingual_site,
    translate,
)


@pytest.fixture
def site(db):
    """A bilingual site (tests/factories.py) whose English news section holds a news item
    naming an investor (translated into Bulgarian with it), one about a topic and one about
    nothing in particular, and whose events section holds one event."""
    bg = Locale.objects.get(language_code="bg")
    pages = bilingual_site()
    news_index = pages["en"]["news"]
    investor = OrganisationFactory(name="Shanghai investors")
    translate(investor, bg, {"Shanghai investors": "Инвеститори от Шанхай"})
    pages["en"]["investors' visit"] = NewsPageFactory(
        parent=news_index,
        title="Investors visit the cluster",
        related_organisations=[NewsPageOrganisation(organisation=investor)],
    )
    pages["bg"]["investors' visit"] = translate(
        pages["en"]["investors' visit"], bg, {"Investors visit the cluster": "Посещение"}
    ).specific
    cable_cars = TopicFactory(name="Cable cars", name_en="Cable cars", name_bg="Лифтове")
    pages["en"]["cable cars news"] = NewsPageFactory(
        parent=news_index, title="A cable car for the city", topics=[cable_cars]
    )
    pages["en"]["label news"] = NewsPageFactory(parent=news_index, title="The cluster's label")
    pages["en"]["open day"] = EventPageFactory(parent=pages["en"]["events"], title="Open day")
    return pages


@pytest.fixture
def cdn(settings, purge_server):
    """The paths (with their query strings) purged from the CDN."""
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    settings.CDN_CACHE_SECONDS = 300

    class Purged:
        def paths(self):
            return {"/" + entry.split("/", 1)[1] for entry in received}

        def clear(self):
            received.clear()

    return Purged()


def kept_by_the_cdn(client, *urls):
    """Request each address as the CDN would, and check that the CDN may keep it."""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "s-maxage=300" in response["Cache-Control"], url


@pytest.fixture
def news_index(site):
    return site["en"]["news"]


def test_a_section_made_private_is_purged_with_the_pages_below_it(
    client, cdn, news_index, django_capture_on_commit_callbacks
):
    items = [item.url for item in NewsPage.objects.child_of(news_index).live()]
    kept_by_the_cdn(client, news_index.url, f"{news_index.url}?kind=news", *items)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    purged = cdn.paths()
    for url in [news_index.url, f"{news_index.url}?kind=news", *items]:
        assert url in purged, (url, purged)


def test_a_page_made_private_is_purged_with_its_listings_only(
    client, cdn, site, news_index, django_capture_on_commit_callbacks
):
    item = site["en"]["investors' visit"]
    unrelated = [site["en"]["open day"].url, site["en"]["label news"].url]
    kept_by_the_cdn(client, item.url, news_index.url, *unrelated)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    purged = cdn.paths()
    assert {item.url, news_index.url} <= purged, purged
    assert not purged & set(unrelated), purged


def test_a_new_slug_purges_the_old_and_new_addresses_below_it(
    client, cdn, news_index, django_capture_on_commit_callbacks
):
    item = NewsPage.objects.child_of(news_index).live().first()
    old_urls = [news_index.url, item.url, f"{news_index.url}{item.date.year}/"]
    kept_by_the_cdn(client, news_index.url, item.url)
    cdn.clear()
    news_index.slug = "newsroom"
    with django_capture_on_commit_callbacks(execute=True):
        news_index.save_revision().publish()
    new_urls = [Page.objects.get(pk=news_index.pk).url, Page.objects.get(pk=item.pk).url]
    assert new_urls[1].startswith("/en/newsroom/")
    purged = cdn.paths()
    for url in [*old_urls[:2], *new_urls]:
        assert url in purged, (url, purged)


def test_a_move_purges_the_old_and_new_addresses_and_the_old_section(
    client, cdn, site, news_index, django_capture_on_commit_callbacks
):
    item = site["en"]["investors' visit"]
    events = site["en"]["events"]
    old_url = item.url
    kept_by_the_cdn(client, old_url, news_index.url)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=item.pk).move(events, pos="last-child")
    purged = cdn.paths()
    for url in [old_url, Page.objects.get(pk=item.pk).url, news_index.url, events.url]:
        assert url in purged, (url, purged)


def test_a_snippet_edit_purges_the_pages_that_show_it_only(
    client, cdn, site, django_capture_on_commit_callbacks
):
    investors_visit = site["en"]["investors' visit"]
    showing = [site[language]["investors' visit"].url for language in ("bg", "en")]
    unrelated = [site["en"]["label news"].url, site["en"]["home"].url]
    kept_by_the_cdn(client, *showing, *unrelated)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        investor = investors_visit.related_organisations.get().organisation
        for organisation in Organisation.objects.filter(translation_key=investor.translation_key):
            organisation.name += " (renamed)"
            organisation.save()
    purged = cdn.paths()
    assert set(showing) <= purged, purged
    assert not purged & set(unrelated)


def test_a_topic_rename_purges_the_pages_and_listings_that_show_it_only(
    client, cdn, site, news_index, django_capture_on_commit_callbacks
):
    tagged = site["en"]["cable cars news"]
    topic = tagged.topics.get()
    untagged = site["en"]["label news"]
    kept_by_the_cdn(client, tagged.url, news_index.url, untagged.url)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_en += " (renamed)"
        topic.save()
    purged = cdn.paths()
    assert {tagged.url, news_index.url} <= purged, purged
    assert untagged.url not in purged


def test_an_image_replaced_purges_every_page_the_cdn_keeps(
    client, cdn, site, django_capture_on_commit_callbacks
):
    image = wagtail_factories.ImageFactory()
    urls = [site["en"]["investors' visit"].url, site["bg"]["events"].url]
    kept_by_the_cdn(client, *urls)
    cdn.clear()
    picture = io.BytesIO()
    PILImage.new("RGB", (300, 100), "blue").save(picture, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        image.file = ImageFile(picture, name="replaced.png")
        image.save()
    assert set(urls) <= cdn.paths()


def test_the_cdn_keeps_no_more_addresses_than_it_can_purge(client, cdn, news_index, monkeypatch):
    """Past the index's bound an address is not given ``s-maxage``: served, never purged."""
    monkeypatch.setattr(cdn_index, "ADDRESSES_PER_TAG", 2)
    index = news_index
    kept_by_the_cdn(client, index.url, f"{index.url}?kind=news")
    response = client.get(f"{index.url}?kind=blog")
    assert response.status_code == 200 and "s-maxage" not in response.get("Cache-Control", "")
