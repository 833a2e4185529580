"""How often one client may do something (send a form, ask for a password reset): a counter per
client and fixed time window. And the client's address, behind trusted proxies.

The counters are kept in their own store (the ``rate_limits`` cache: a table in the database),
not beside the page cache, so that a flood of pages filling the page cache cannot evict them and
so reset a limit. While that store cannot be reached, nothing is limited.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

LIMITS_CACHE = "rate_limits"


def limits_store():
    """The cache that keeps rate-limit counters and other records a flood must not evict."""
    return caches[LIMITS_CACHE]


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or with ``TRUSTED_PROXY_COUNT`` reverse proxies in
    front of the site (each appending the address it saw to X-Forwarded-For), the address the
    outermost one saw. Entries further left are the client's own claims and never trusted."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")


class RateLimit:
    """At most ``limit`` actions per ``period`` seconds for one key (a client address, an e-mail
    address), read from the setting named ``setting`` as ``(limit, period)``."""

    def __init__(self, scope: str, setting: str):
        self.scope = scope
        self.setting = setting

    def cache_key(self, key: str, period: int) -> str:
        digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}:{int(time.time() // period)}"

    def hit(self, key: str) -> bool:
        """Count one more action by ``key``; False when that is more than the limit allows."""
        limit, period = getattr(settings, self.setting)
        cache_key = self.cache_key(key, period)
        store = limits_store()
        store.add(cache_key, 0, timeout=period)
        try:
            count = store.incr(cache_key)
        except ValueError:  # the window's counter expired between add and incr
            store.set(cache_key, 1, timeout=period)
            count = 1
        return count is None or count <= limit
