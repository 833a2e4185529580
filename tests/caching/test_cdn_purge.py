"""A configured CDN (wagtail.contrib.frontend_cache, here a purge endpoint on loopback) is
purged of what each change makes stale: a page made private and the pages below it, the old
and new addresses after a new slug or a move, and the pages that show a changed snippet, image
or topic (recorded under the cache tags they declared when given ``s-maxage``), and no more."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from caching import cdn_index
from home.models import HomePage
from pages.models import EventIndexPage, NewsIndexPage, NewsPage
from sitecontent.loader import content_key
from snippets.models import Organisation


def page_for(key, locale):
    return Page.objects.get(translation_key=content_key("page", key), locale=locale).specific


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
def news_index(locales):
    return NewsIndexPage.objects.get(locale=locales[1])


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
    client, cdn, news_index, locales, django_capture_on_commit_callbacks
):
    item = page_for("news-16-plus-1", locales[1])
    unrelated = [
        page_for("event-ee-re-2017", locales[1]).url,
        page_for("news-label", locales[1]).url,
    ]
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
    old_urls = [news_index.url, item.url, f"{news_index.url}2018/"]
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
    client, cdn, news_index, locales, django_capture_on_commit_callbacks
):
    item = page_for("news-16-plus-1", locales[1])
    events = EventIndexPage.objects.get(locale=locales[1])
    old_url = item.url
    kept_by_the_cdn(client, old_url, news_index.url)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=item.pk).move(events, pos="last-child")
    purged = cdn.paths()
    for url in [old_url, Page.objects.get(pk=item.pk).url, news_index.url, events.url]:
        assert url in purged, (url, purged)


def test_a_snippet_edit_purges_the_pages_that_show_it_only(
    client, cdn, locales, django_capture_on_commit_callbacks
):
    showing = [page_for("news-16-plus-1", locale).url for locale in locales]
    unrelated = [
        page_for("news-label", locales[1]).url,
        HomePage.objects.get(locale=locales[1]).url,
    ]
    kept_by_the_cdn(client, *showing, *unrelated)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for organisation in Organisation.objects.filter(
            translation_key=content_key("organisation", "oneness")
        ):
            organisation.name += " (renamed)"
            organisation.save()
    purged = cdn.paths()
    assert set(showing) <= purged, purged
    assert not purged & set(unrelated)


def test_a_topic_rename_purges_the_pages_and_listings_that_show_it_only(
    client, cdn, locales, news_index, django_capture_on_commit_callbacks
):
    tagged = NewsPage.objects.filter(locale=locales[1], topics__isnull=False).first()
    topic = tagged.topics.first()
    untagged = NewsPage.objects.filter(locale=locales[1]).exclude(topics=topic).first()
    kept_by_the_cdn(client, tagged.url, news_index.url, untagged.url)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_en += " (renamed)"
        topic.save()
    purged = cdn.paths()
    assert {tagged.url, news_index.url} <= purged, purged
    assert untagged.url not in purged


def test_an_image_replaced_purges_every_page_the_cdn_keeps(
    client, cdn, locales, django_capture_on_commit_callbacks
):
    urls = [page_for("news-16-plus-1", locales[1]).url, page_for("funding", locales[0]).url]
    kept_by_the_cdn(client, *urls)
    cdn.clear()
    picture = io.BytesIO()
    PILImage.new("RGB", (300, 100), "blue").save(picture, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        image = get_image_model().objects.first()
        image.file = ImageFile(picture, name="replaced.png")
        image.save()
    assert set(urls) <= cdn.paths()


def test_the_cdn_keeps_no_more_addresses_than_it_can_purge(client, cdn, locales, monkeypatch):
    """Past the index's bound an address is not given ``s-maxage``: served, never purged."""
    monkeypatch.setattr(cdn_index, "ADDRESSES_PER_TAG", 2)
    index = NewsIndexPage.objects.get(locale=locales[1])
    kept_by_the_cdn(client, index.url, f"{index.url}?kind=news")
    response = client.get(f"{index.url}?kind=blog")
    assert response.status_code == 200 and "s-maxage" not in response.get("Cache-Control", "")
