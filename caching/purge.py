"""Stale once committed: invalidate cache tags, then purge a CDN (wagtail.contrib.frontend_cache)
of the addresses that showed them."""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from caching import cdn_index
from caching.tagged_cache import invalidate


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def stale_on_commit(tags, addresses=()) -> None:
    """Once the change is committed: ``tags`` are invalidated, then the CDN is purged of
    ``addresses`` and of every address recorded under ``tags`` (read after the invalidation: a
    response recorded later was checked against the new tokens, caching/page_cache.py)."""
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
