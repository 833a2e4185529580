"""The anonymous page cache: whole responses for readers who are not logged in, per URL (the
language is in the URL), kept until what they show changes (tag tokens: caching/tagged_cache.py).

The key holds the query parameters the response depends on and no others (``cache_query``):
tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...) are dropped before any view sees them,
and each view declares the parameters it reads (``caching.reads_query``: a listing's
page, topic and kind, the search's q and page; a page reads none). So a shared link with tracking
parameters, or a flood of made-up ones, is served the entry of the address without them: no cold
render, no new entry evicting real ones. They are ignored, not redirected away, so that the link
works in one round trip and one entry.

Never cached: requests with a session cookie (logged-in users, previews), methods other than
GET/HEAD, the admin, responses that are not 200, set cookies, use the CSRF token (pages with a
form), are private, or declare no tags.

The middleware stores responses and serves them; under gunicorn, ``PageCacheApp`` (config/wsgi.py)
serves the same entries before Django's request handling, which a hit does not need.
"""

import base64
import hashlib
import os
import re
import time
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

from caching import cdn_index
from caching import tags as cache_tags
from caching.tagged_cache import (
    WRITES_KEY,
    read_with_writes_token,
    release,
    still_valid,
    tokens_if_unchanged,
    writes_token,
)
from compat import django as compat_django
from operations.request_log import log_request

ENTRY_PREFIX = "pagecache:entry:"
# Set by PageCacheApp on a miss: (entry key, writes token), so the middleware does not look again.
LOOKED_UP = "skc.page_cache.looked_up"
UNCACHED_PATHS = ("/admin/", "/documents/", "/static/", "/media/")
CSP_NONCE = re.compile(r"'nonce-([^']+)'")


def with_fresh_nonce(content: bytes, headers: dict) -> tuple[bytes, dict]:
    """A cached page with a new Content-Security-Policy nonce, so that no two responses share
    one (the policy is only as strong as its nonce is unguessable)."""
    policy = headers.get("Content-Security-Policy", "")
    old = CSP_NONCE.search(policy)
    if old is None:
        return content, headers
    new = base64.b64encode(os.urandom(16)).decode("ascii")
    headers = {**headers, "Content-Security-Policy": policy.replace(old[1], new)}
    return content.replace(f'nonce="{old[1]}"'.encode(), f'nonce="{new}"'.encode()), headers


# Parameters that only tell analytics where a reader came from; no view reads them.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmkt",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "srsltid",
        "ref",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_",)


def is_tracking(name: str) -> bool:
    return name.lower() in TRACKING_PARAMS or name.lower().startswith(TRACKING_PREFIXES)


def cache_query(request) -> tuple:
    """The request's query parameters but tracking ones, as sorted (name, last value) pairs."""
    return tuple(sorted((name, request.GET[name]) for name in request.GET if not is_tracking(name)))


def entry_key(request, query=()) -> str:
    """Per address, the query parameters ``query`` (pairs from ``cache_query``) and the release of
    the code (a new release renders afresh). The one key of both the middleware and
    ``PageCacheApp``."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(query)}"
    return f"{ENTRY_PREFIX}{release()}:{hashlib.sha256(url.encode()).hexdigest()}"


def without_tracking(request) -> None:
    """Take the tracking parameters out of ``request.GET``: no response can show them."""
    if any(is_tracking(name) for name in request.GET):
        kept = request.GET.copy()
        for name in [name for name in kept if is_tracking(name)]:
            del kept[name]
        kept._mutable = False
        request.GET = kept


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PATHS)
    )


def reads_key(request) -> str:
    """Where the query parameters that the view at the request's address reads are kept."""
    return f"{entry_key(request)}:reads"


def valid(entry, writes):
    """The stored ``entry`` (its tokens first) when it is still current, else None."""
    if entry is not None and still_valid(entry[0], writes):
        return entry
    return None


def as_response(entry, request, keyed_query):
    """(status, headers, content) of a stored entry for ``request``, with a fresh nonce."""
    _tokens, status, headers, content = entry
    content, headers = with_fresh_nonce(content, headers)
    return status, for_address(headers, request, keyed_query), content


def for_address(headers, request, keyed_query):
    """``headers`` without a CDN's ``s-maxage`` when the request's address has query parameters
    beyond those its entry is keyed on (``keyed_query``): a purge names the entry's addresses
    only, so a CDN must not keep the response under any other."""
    raw = sorted(QueryDict(request.META.get("QUERY_STRING", "")).lists())
    cache_control = headers.get("Cache-Control", "")
    if "s-maxage" not in cache_control or raw == [(k, [v]) for k, v in keyed_query]:
        return headers
    kept = [part for part in cache_control.split(", ") if not part.startswith("s-maxage")]
    return {**headers, "Cache-Control": ", ".join(kept)}


def current_entry(request, query):
    """(the response stored for the request with ``query`` as (status, headers, content), or
    None when there is none or it is out of date; the writes token read with it).

    One round trip when the request has no query parameters (tracking ones aside). With some, the
    entry for exactly them is read with what the view at that address reads (kept with the same
    tokens as the entries it rendered); when that is fewer parameters, the entry for those alone
    is the answer, in a second round trip."""
    key = entry_key(request, query)
    if not query:
        entry, writes = read_with_writes_token(key)
        entry = valid(entry, writes)
        return (as_response(entry, request, query) if entry else None), writes
    found = cache.get_many([key, reads_key(request), WRITES_KEY])
    writes = found.get(WRITES_KEY)
    entry, keyed = valid(found.get(key), writes), query
    reads = valid(found.get(reads_key(request)), writes) if entry is None else None
    if reads is not None:
        keyed = tuple((name, value) for name, value in query if name in reads[1])
        if keyed != query:
            entry = valid(cache.get(entry_key(request, keyed)), writes)
    return (as_response(entry, request, keyed) if entry else None), writes


def is_cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not compat_django.csrf_token_used(request)
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous responses; sits above the session and locale middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            with cache_tags.collect():  # template fragments still learn what they show
                return self.get_response(request)
        query = cache_query(request)
        key = entry_key(request, query)
        looked_up = request.META.get(LOOKED_UP)
        if looked_up is not None and looked_up[0] == key:
            found, writes = None, looked_up[1]
        else:
            found, writes = current_entry(request, query)
        if found is not None:
            status, headers, content = found
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "HIT"
            return response
        without_tracking(request)
        writes_before = writes or writes_token()
        if writes_before is None:  # the cache is unreachable: serve uncached
            return self.get_response(request)
        with cache_tags.collect() as tags:
            response = self.get_response(request)
        if tags and is_cacheable_response(request, response):
            reads = getattr(request, "query_params_read", None)
            read = tuple((name, value) for name, value in query if name in (reads or ()))
            # A CDN may keep it too, once its address is recorded for purging (before the
            # tokens are checked: a change committed after that check is purged from it).
            cdn_may_keep = settings.CDN_CACHE_SECONDS and cdn_index.record(
                request.build_absolute_uri(), tags
            )
            tokens = tokens_if_unchanged(tags, writes_before)
            if cdn_may_keep and tokens is not None:
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS
                )
            if tokens is not None and (reads is not None or not query):
                headers = dict(response.items())
                entries = {
                    entry_key(request, read): (
                        tokens,
                        response.status_code,
                        headers,
                        response.content,
                    )
                }
                if reads is not None:
                    entries[reads_key(request)] = (tokens, reads)
                cache.set_many(entries, timeout=settings.PAGE_CACHE_SECONDS)
            for name, value in for_address(dict(response.items()), request, read).items():
                response[name] = value
            response["X-Cache"] = "MISS"
        return response


class PageCacheApp:
    """The page cache's hits served in front of Django (WSGI middleware, config/wsgi.py).

    A hit needs none of Django's request handling: no signals, database or middleware. The
    middleware sits right below the request log, so the stored headers are already those of a
    complete response (security headers included). Anything else, including a host Django
    refuses, goes on to ``application``; a miss with what it read (``LOOKED_UP``), so that the
    middleware does not read it again.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.monotonic()
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            if is_cacheable_request(request):
                query = cache_query(request)
                try:
                    key = entry_key(request, query)
                except DisallowedHost:
                    return self.application(environ, start_response)
                found, writes = current_entry(request, query)
                if found is None:
                    environ[LOOKED_UP] = (key, writes)
                else:
                    status, headers, content = found
                    headers = {**headers, "Content-Length": str(len(content)), "X-Cache": "HIT"}
                    start_response(f"{status} {HTTPStatus(status).phrase}", list(headers.items()))
                    log_request(request, status, started, "HIT")
                    return [content]
        return self.application(environ, start_response)
