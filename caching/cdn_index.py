"""Which addresses a CDN may be keeping, by cache tag, so that a change purges exactly them.

The page cache (caching/page_cache.py) gives a response ``s-maxage`` only once its address is
recorded here under every tag the response declared; an invalidation then purges the addresses
recorded under its tags (caching/invalidation.py). An address stays recorded for as long as a
CDN may keep a copy: the page cache's lifetime (a hit hands the CDN a fresh copy) plus the
CDN's. Bounded: at most ``ADDRESSES_PER_TAG`` live addresses a tag; a response that would go
beyond that is not given ``s-maxage`` (a CDN keeps only what can be purged).

With Redis, one sorted set a tag (scored by until when the address is kept), updated
atomically by every app instance; with any other cache backend, one dict a tag read and written
under a lock of this process (atomic within one process: the tests' and development's caches).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

INDEX_PREFIX = "pagecache:cdn-addresses:"
ADDRESSES_PER_TAG = 2000

_local_lock = threading.Lock()
logger = logging.getLogger(__name__)


def kept_for() -> int:
    """The longest a CDN may keep a copy of a response given ``s-maxage`` now."""
    return settings.PAGE_CACHE_SECONDS + settings.CDN_CACHE_SECONDS


def redis_client():
    """The Redis connection behind the cache, or None for any other backend."""
    if settings.CACHES["default"]["BACKEND"] != "django_redis.cache.RedisCache":
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def index_keys(tags) -> dict[str, str]:
    return {tag: cache.make_key(INDEX_PREFIX + tag) for tag in sorted(tags)}


def record(address: str, tags) -> bool:
    """Record that a CDN may keep ``address``, which shows ``tags``; False (nothing recorded
    for it to rely on) when an index is full or the cache cannot be reached."""
    now = time.time()
    until = now + kept_for()
    try:
        client = redis_client()
        if client is not None:
            return record_in_redis(client, address, tags, now, until)
        return record_locally(address, tags, now, until)
    except Exception:  # noqa: BLE001 (an unreachable cache: the CDN keeps nothing)
        return False


def record_in_redis(client, address, tags, now, until) -> bool:
    keys = list(index_keys(tags).values())
    pipe = client.pipeline()
    for key in keys:
        pipe.zremrangebyscore(key, "-inf", now)
        pipe.zscore(key, address)
        pipe.zcard(key)
    found = pipe.execute()
    for position in range(len(keys)):
        known, count = found[3 * position + 1], found[3 * position + 2]
        if known is None and count >= ADDRESSES_PER_TAG:
            return False
    pipe = client.pipeline()
    for key in keys:
        pipe.zadd(key, {address: until})
        pipe.expire(key, kept_for() + 1)  # every member is kept until now + kept_for() at most
    pipe.execute()
    return True


def record_locally(address, tags, now, until) -> bool:
    keys = list(index_keys(tags).values())
    with _local_lock:
        found = cache.get_many(keys)
        updated = {}
        for key in keys:
            addresses = {url: end for url, end in found.get(key, {}).items() if end > now}
            if address not in addresses and len(addresses) >= ADDRESSES_PER_TAG:
                return False
            updated[key] = {**addresses, address: until}
        cache.set_many(updated, timeout=kept_for() + 1)
    return True


def addresses(tags) -> set[str]:
    """The addresses a CDN may be keeping that show any of ``tags`` (none, logged, when the
    cache cannot be reached: an editor's change is saved all the same)."""
    try:
        return recorded_addresses(tags)
    except Exception:
        logger.exception("The CDN's addresses could not be read; not purged by tag")
        return set()


def recorded_addresses(tags) -> set[str]:
    now = time.time()
    keys = list(index_keys(tags).values())
    if not keys:
        return set()
    client = redis_client()
    if client is not None:
        pipe = client.pipeline()
        for key in keys:
            pipe.zrangebyscore(key, now, "+inf")
        return {url.decode() for found in pipe.execute() for url in found}
    return {
        url
        for found in cache.get_many(keys).values()
        for url, until in found.items()
        if until > now
    }
