"""Which cached responses a change makes stale: receivers that invalidate exactly the tags a
published, unpublished, moved or deleted page, a page made private or public again, or a saved or
deleted snippet, topic, image or document, touches.
Pages that only list or link the changed page are reached through its listing and translation
tags; nothing needs a manual purge.

Where a CDN is configured (``WAGTAILFRONTENDCACHE``, wagtail.contrib.frontend_cache), every
change also purges there, once committed: every address the CDN may keep that declared one of
the invalidated tags (recorded when it was given ``s-maxage``: caching/cdn_index.py), and, for a
page, the addresses that show it whether recorded or not: the page and its translations, its
section, its home page, the language's feeds and calendar, and the sitemap; for a new slug, a
move or a view restriction, the old and new addresses of the page and of every page below it."""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from caching import tags as cache_tags
from caching.purge import cdn_configured, stale_on_commit

MENU_DEPTH = 3  # a home page is at depth 2; its children are the menu's sections


def language_of(page) -> str:
    return Locale.objects.only("language_code").get(pk=page.locale_id).language_code


def tags_for_pages(pages, language_code: str) -> set[str]:
    """What showing, listing or linking these pages of one language depends on."""
    tags = {cache_tags.search_tag(language_code), cache_tags.SITEMAP_TAG}
    for page in pages:
        tags |= {
            cache_tags.page_tag(page.pk),
            cache_tags.translations_tag(page.translation_key),
            cache_tags.listing_tag(page.specific_class or Page, language_code),
        }
        if page.depth <= MENU_DEPTH:
            tags.add(cache_tags.menu_tag(language_code))
    return tags


def full_urls(pages) -> set[str]:
    """The public addresses of ``pages`` (when a CDN is configured: nothing to purge else)."""
    if not cdn_configured():
        return set()
    return {url for url in (page.get_full_url() for page in pages) if url}


def addresses_showing(page) -> set[str]:
    """The public addresses that show ``page`` whether recorded or not (when a CDN is
    configured): the page and its translations, its ancestors, the feeds and the sitemap."""
    if not cdn_configured():
        return set()
    language = language_of(page)
    urls = full_urls(
        [*page.get_translations(inclusive=True), *page.get_ancestors().filter(depth__gt=1)]
    )
    root = page.get_site().root_url if page.get_site() else ""
    for name in ("news_rss", "news_atom", "events_ics"):
        with translation.override(language):
            urls.add(root + reverse(name))
    urls.add(root + reverse("sitemap"))
    return urls


def subtree_addresses(page, old_url_path=None) -> set[str]:
    """The addresses of ``page`` and of every page below it (when a CDN is configured), and
    their addresses before a move or a new slug (``old_url_path``: the page's old one)."""
    if not cdn_configured():
        return set()
    urls = set()
    for other in Page.objects.descendant_of(page, inclusive=True).select_related("locale"):
        urls.add(other.get_full_url())
        if old_url_path is not None and other.url_path.startswith(page.url_path):
            other.url_path = old_url_path + other.url_path[len(page.url_path) :]
            urls.add(other.get_full_url())
    return {url for url in urls if url}


def page_changed(sender, instance, **kwargs):
    stale_on_commit(tags_for_pages([instance], language_of(instance)), addresses_showing(instance))


def subtree_tags(page) -> set[str]:
    """Every address below ``page`` changes with it (a move or a new slug)."""
    subtree = Page.objects.descendant_of(page, inclusive=True).only(
        "pk", "depth", "translation_key", "content_type"
    )
    return tags_for_pages(subtree, language_of(page))


def slug_changed(sender, instance, instance_before, **kwargs):
    stale_on_commit(subtree_tags(instance), subtree_addresses(instance, instance_before.url_path))


def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    """The moved subtree at its old and new addresses, and the menu if the page left or joined
    it."""
    tags = subtree_tags(instance)
    if parent_page_before.depth < MENU_DEPTH:
        tags.add(cache_tags.menu_tag(language_of(instance)))
    addresses = addresses_showing(instance) | subtree_addresses(instance, url_path_before)
    stale_on_commit(tags, addresses | full_urls([parent_page_before]))


def view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) is no longer (or now) served to everyone, nor
    are the pages below it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        stale_on_commit(subtree_tags(page), addresses_showing(page) | subtree_addresses(page))


def page_deleted(sender, instance, **kwargs):
    """A page deleted (connected for ``Page`` and each page type: the base row and the specific
    row are deleted, and signalled, apart)."""
    if instance.locale_id:
        tags = tags_for_pages([instance], language_of(instance))
        if type(instance) is Page:  # the base row of a specific page: purged once, with it
            stale_on_commit(tags)
        else:
            stale_on_commit(tags, addresses_showing(instance))


def snippet_changed(sender, instance, **kwargs):
    """A translatable snippet saved or deleted (connected for each such model)."""
    stale_on_commit({cache_tags.snippet_tag(instance)})


def media_changed(sender, instance, **kwargs):
    """An image or document edited, replaced or deleted: every page may show it."""
    stale_on_commit({cache_tags.MEDIA_TAG})
