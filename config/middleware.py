"""Language prefixes (an unknown one such as /xx/ is a plain 404, not a redirect to /bg/xx/),
and a 503 instead of a 500 while the database or the media storage is unreachable."""

import logging
import re

from botocore.exceptions import ConnectionError as StorageConnectionError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string

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
        logging.getLogger("skc.requests").error("service unavailable: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
