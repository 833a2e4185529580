"""The anonymous page cache: whole responses for readers who are not logged in, per URL (the
language is in the URL), kept until what they show changes (tag tokens: pages/tagged_cache.py).

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

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from config.request_log import log_request
from home import cdn_index
from pages import cache_tags
from pages.tagged_cache import (  # noqa: F401 (invalidate: the API other modules use)
    RELEASE,
    invalidate,
    read_with_writes_token,
    still_valid,
    tokens_if_unchanged,
    writes_token,
)

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


def entry_key(request) -> str:
    """Per URL and per release of the code (a new release renders afresh)."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{ENTRY_PREFIX}{RELEASE}:{hashlib.sha256(url.encode()).hexdigest()}"


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PATHS)
    )


def current_entry(key):
    """(the response stored at ``key`` as (status, headers, content), with a fresh nonce, or None
    when there is none or it is out of date; the writes token read with it)."""
    entry, writes = read_with_writes_token(key)
    if entry is not None:
        tokens, status, headers, content = entry
        if still_valid(tokens, writes):
            content, headers = with_fresh_nonce(content, headers)
            return (status, headers, content), writes
    return None, writes


def is_cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
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
        key = entry_key(request)
        looked_up = request.META.get(LOOKED_UP)
        if looked_up is not None and looked_up[0] == key:
            found, writes = None, looked_up[1]
        else:
            found, writes = current_entry(key)
        if found is not None:
            status, headers, content = found
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "HIT"
            return response
        writes_before = writes or writes_token()
        if writes_before is None:  # the cache is unreachable: serve uncached
            return self.get_response(request)
        with cache_tags.collect() as tags:
            response = self.get_response(request)
        if tags and is_cacheable_response(request, response):
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
            if tokens is not None:
                headers = dict(response.items())
                cache.set(
                    key,
                    (tokens, response.status_code, headers, response.content),
                    timeout=settings.PAGE_CACHE_SECONDS,
                )
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
                try:
                    key = entry_key(request)
                except DisallowedHost:
                    return self.application(environ, start_response)
                found, writes = current_entry(key)
                if found is None:
                    environ[LOOKED_UP] = (key, writes)
                else:
                    status, headers, content = found
                    headers = {**headers, "Content-Length": str(len(content)), "X-Cache": "HIT"}
                    start_response(f"{status} {HTTPStatus(status).phrase}", list(headers.items()))
                    log_request(request, status, started, "HIT")
                    return [content]
        return self.application(environ, start_response)
