"""Language prefixes: an unknown one such as /xx/ is a plain 404, not a redirect to /bg/xx/."""

import re

from django.middleware.locale import LocaleMiddleware

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
