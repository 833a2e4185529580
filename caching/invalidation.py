"""Which cached responses a change makes stale: receivers that invalidate exactly the tags a
published, unpublished, moved or deleted page, a page made private or public again, or a saved or
deleted snippet, topic, image or document, touches.
Pages that only list or link the changed page are reached through its listing and translation
tags; nothing needs a manual purge.

Where a CDN is configured (``WAGTAILFRONTENDCACHE``, wagtail.contrib.frontend_cache), every
change also purges there, once committed: every address the CDN may keep that declared one of
the invalidated tags (recorded when it was given ``s-maxage``: home/cdn_index.py), and, for a
page, the addresses that show it whether recorded or not: the page and its translations, its
section, its home page, the language's feeds and calendar, and the sitemap; for a new slug, a
move or a view restriction, the old and new addresses of the page and of every page below it."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Locale, Page, PageViewRestriction, TranslatableMixin
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home import cdn_index
from home.page_cache import invalidate
from pages import cache_tags
from snippets.models import Topic

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


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def stale_on_commit(tags, addresses=()) -> None:
    """Once the change is committed: ``tags`` are invalidated, then the CDN is purged of
    ``addresses`` and of every address recorded under ``tags`` (read after the invalidation: a
    response recorded later was checked against the new tokens, home/page_cache.py)."""
    tags, addresses = set(tags), set(addresses)
    if not tags and not addresses:
        return

    def invalidate_and_purge():
        invalidate(tags)
        if cdn_configured():
            stale = addresses | cdn_index.addresses(tags)
            if stale:
                purge_urls_from_cache(sorted(stale))

    transaction.on_commit(invalidate_and_purge)


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


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    stale_on_commit(tags_for_pages([instance], language_of(instance)), addresses_showing(instance))


def subtree_tags(page) -> set[str]:
    """Every address below ``page`` changes with it (a move or a new slug)."""
    subtree = Page.objects.descendant_of(page, inclusive=True).only(
        "pk", "depth", "translation_key", "content_type"
    )
    return tags_for_pages(subtree, language_of(page))


@receiver(page_slug_changed)
def slug_changed(sender, instance, instance_before, **kwargs):
    stale_on_commit(subtree_tags(instance), subtree_addresses(instance, instance_before.url_path))


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    """The moved subtree at its old and new addresses, and the menu if the page left or joined
    it."""
    tags = subtree_tags(instance)
    if parent_page_before.depth < MENU_DEPTH:
        tags.add(cache_tags.menu_tag(language_of(instance)))
    addresses = addresses_showing(instance) | subtree_addresses(instance, url_path_before)
    stale_on_commit(tags, addresses | full_urls([parent_page_before]))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) is no longer (or now) served to everyone, nor
    are the pages below it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        stale_on_commit(subtree_tags(page), addresses_showing(page) | subtree_addresses(page))


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.locale_id:
        tags = tags_for_pages([instance], language_of(instance))
        if type(instance) is Page:  # the base row of a specific page: purged once, with it
            stale_on_commit(tags)
        else:
            stale_on_commit(tags, addresses_showing(instance))


@receiver(post_save)
@receiver(post_delete)
def snippet_changed(sender, instance, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        stale_on_commit({cache_tags.snippet_tag(instance)})


@receiver(post_save, sender=get_image_model_string())
@receiver(post_delete, sender=get_image_model_string())
@receiver(post_save, sender=get_document_model_string())
@receiver(post_delete, sender=get_document_model_string())
def media_changed(sender, instance, **kwargs):
    """An image or document edited, replaced or deleted: every page may show it."""
    stale_on_commit({cache_tags.MEDIA_TAG})


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def topic_changed(sender, instance, **kwargs):
    stale_on_commit({cache_tags.topic_tag(instance.pk), cache_tags.TOPICS_TAG})
