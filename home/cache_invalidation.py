"""Which cached responses a change makes stale: receivers that invalidate exactly the tags a
published, unpublished, moved or deleted page, or a saved or deleted snippet, topic, image or
document, touches.
Pages that only list or link the changed page are reached through its listing and translation
tags; nothing needs a manual purge.

Where a CDN is configured (``WAGTAILFRONTENDCACHE``, wagtail.contrib.frontend_cache), the
addresses that show a changed page are purged there too: the page and its translations, its
section, its home page, the language's feeds and calendar, and the sitemap."""

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

from home.page_cache import invalidate_on_commit
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


def purge_from_cdn(page) -> None:
    """Purge the public addresses that show ``page`` from the CDN, if one is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    language = language_of(page)
    pages = [*page.get_translations(inclusive=True), *page.get_ancestors().filter(depth__gt=1)]
    urls = {url for url in (other.get_full_url() for other in pages) if url}
    root = page.get_site().root_url if page.get_site() else ""
    for name in ("news_rss", "news_atom", "events_ics"):
        with translation.override(language):
            urls.add(root + reverse(name))
    urls.add(root + reverse("sitemap"))
    transaction.on_commit(lambda: purge_urls_from_cache(sorted(urls)))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    invalidate_on_commit(tags_for_pages([instance], language_of(instance)))
    purge_from_cdn(instance)


def subtree_tags(page) -> set[str]:
    """Every address below ``page`` changes with it (a move or a new slug)."""
    subtree = Page.objects.descendant_of(page, inclusive=True).only(
        "pk", "depth", "translation_key", "content_type"
    )
    return tags_for_pages(subtree, language_of(page))


@receiver(page_slug_changed)
def slug_changed(sender, instance, **kwargs):
    invalidate_on_commit(subtree_tags(instance))


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """The moved subtree, and the menu if the page left or joined it."""
    tags = subtree_tags(instance)
    if parent_page_before.depth < MENU_DEPTH:
        tags.add(cache_tags.menu_tag(language_of(instance)))
    invalidate_on_commit(tags)
    purge_from_cdn(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) is no longer (or now) served to everyone."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        invalidate_on_commit(subtree_tags(page))


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.locale_id:
        invalidate_on_commit(tags_for_pages([instance], language_of(instance)))
        if type(instance) is not Page:  # once per page, not for its base row too
            purge_from_cdn(instance)


@receiver(post_save)
@receiver(post_delete)
def snippet_changed(sender, instance, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        invalidate_on_commit({cache_tags.snippet_tag(instance)})


@receiver(post_save, sender=get_image_model_string())
@receiver(post_delete, sender=get_image_model_string())
@receiver(post_save, sender=get_document_model_string())
@receiver(post_delete, sender=get_document_model_string())
def media_changed(sender, instance, **kwargs):
    """An image or document edited, replaced or deleted: every page may show it."""
    invalidate_on_commit({cache_tags.MEDIA_TAG})


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def topic_changed(sender, instance, **kwargs):
    invalidate_on_commit({cache_tags.topic_tag(instance.pk), cache_tags.TOPICS_TAG})
