"""Language prefixes (an unknown one such as /xx/ is a plain 404, not a redirect to /bg/xx/),
and a 503 instead of a 500 while the database or the media storage is unreachable; admin
searches that SQLite cannot parse."""

import logging
import re

from botocore.exceptions import ConnectionError as StorageConnectionError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string

from operations.health import database_reachable

LANGUAGE_LIKE_PREFIX = re.compile(r"^/[a-z]{2}(?:-[a-z]{2,4})?/", re.IGNORECASE)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 whose path starts with something shaped like
    a language code (that is not one of ours) is answered as it is. Other unprefixed paths, such
    as "/" or "/news/", are still redirected to the reader's language."""

    def process_response(self, request, response):
        if response.status_code == 404 and LANGUAGE_LIKE_PREFIX.match(request.path_info):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


UNAVAILABLE_SERVICES = (OperationalError, InterfaceError, StorageConnectionError)


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached (restarting, failing over), or the object storage
    while a page needs a new image rendition, readers get a short bilingual 503 with Retry-After
    instead of a 500; connections recover by themselves (``CONN_HEALTH_CHECKS``) once it is
    back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE_SERVICES):
            return None
        if isinstance(exception, OperationalError) and database_reachable():
            return None  # the database answers: a faulty query is a bug (a 500), not an outage
        logging.getLogger("skc.requests").error("service unavailable: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


class AdminSearchQueryMiddleware:
    """On SQLite, the admin's searches drop double quotes from the query: its full-text engine
    (through modelsearch) fails on a quoted phrase with punctuation, such as "BG16-RFOP", with a
    500. PostgreSQL searches the query as typed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.get("q")
        if (
            query
            and '"' in query
            and request.path.startswith("/admin/")
            and connection.vendor == "sqlite"
        ):
            request.GET = request.GET.copy()
            request.GET["q"] = query.replace('"', " ")
        return self.get_response(request)
