"""What keeps or forgets rendered output: the anonymous page cache and its WSGI entry for hits
(page_cache.py), values kept while what they show is unchanged (tagged_cache.py) and the
``{% taggedcache %}`` fragment tag, the route caches (routing.py), invalidation receivers
(invalidation.py, connected in signals.py) and CDN purge (purge.py, cdn_index.py).

The rest of the site uses this small public API, imported from ``caching``:

- while rendering: ``depends_on(*tags)`` with the tag names below, ``shows_snippet(obj)``,
  ``shows_snippets_through(obj, paths)``, ``reads_query(request, *names)`` /
  ``reading_query(*names)`` (what a response shows and which query parameters it reads);
- on a change: ``stale_on_commit(tags, addresses=())`` (invalidate and purge once committed) or
  ``invalidate(tags)`` (at once);
- ``get_or_compute(key, compute, timeout)`` for a value kept while its tags are unchanged,
  ``tag_tokens(tags)`` to tell whether tags changed since a value was computed elsewhere.
"""

from caching.purge import stale_on_commit
from caching.tagged_cache import get_or_compute, invalidate, tag_tokens
from caching.tags import (
    MEDIA_TAG,
    SITEMAP_TAG,
    TOPICS_TAG,
    collect,
    declared,
    depends_on,
    interface_texts_tag,
    listing_tag,
    menu_tag,
    page_tag,
    reading_query,
    reads_query,
    search_tag,
    shows_snippet,
    shows_snippets_through,
    snippet_tag,
    topic_tag,
    translations_tag,
)

__all__ = [
    "MEDIA_TAG",
    "SITEMAP_TAG",
    "TOPICS_TAG",
    "collect",
    "declared",
    "depends_on",
    "get_or_compute",
    "interface_texts_tag",
    "invalidate",
    "listing_tag",
    "menu_tag",
    "page_tag",
    "reading_query",
    "reads_query",
    "search_tag",
    "shows_snippet",
    "shows_snippets_through",
    "snippet_tag",
    "stale_on_commit",
    "tag_tokens",
    "topic_tag",
    "translations_tag",
]
