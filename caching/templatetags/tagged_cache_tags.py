"""``{% taggedcache name [vary ...] %}…{% endtaggedcache %}``: a template fragment kept in the
cache until what it shows changes (caching/tagged_cache.py), for every reader, logged in or not.

Wagtail's ``{% wagtailpagecache %}`` with exact invalidation instead of a fixed lifetime, renewed
by the same cache tags as the anonymous page cache. Only on a Wagtail page's own view: GET or
HEAD, never a preview, no query parameters but a listing's. It varies on the template, page,
language, address, the listing's query parameters and the day (listings and labels depend on
today's date), and on its arguments. A fragment that used the CSRF token is not stored; a CSP
nonce inside it is replaced by the reader's own on every use.
"""

from django import template
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.template import TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from caching.tagged_cache import get_or_compute, release
from compat import csp as compat_csp
from compat import django as compat_django

register = template.Library()

NONCE_HOLE = "\x00csp-nonce\x00"


class TaggedCacheNode(template.Node):
    def __init__(self, nodelist, fragment_name, vary_on):
        self.nodelist = nodelist
        self.fragment_name = fragment_name
        self.vary_on = vary_on

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        # The query parameters a page type reads (``query_params``: a listing's page, topic,
        # kind); its view sees no others (caching.reads_query).
        params = sorted(getattr(page, "query_params", ()))
        if (
            not settings.FRAGMENT_CACHE_SECONDS
            or request is None
            or not isinstance(page, Page)  # error pages, search: any address, kept nowhere
            or request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
            # Links in a listing keep the query string: one the fragment does not vary on
            # must not reach other readers.
            or not set(request.GET).issubset(params)
        ):
            return self.nodelist.render(context)
        vary = [
            context.template.name,  # the page's own template fills the fragment's blocks
            page.pk,
            get_language(),
            request.scheme,
            request.get_host(),
            request.path,
            *(request.GET.get(name) for name in params),
            timezone.localdate().isoformat(),
            *(var.resolve(context) for var in self.vary_on),
        ]
        key = make_template_fragment_key(f"tagged:{release()}:{self.fragment_name}", vary)
        used_csrf = []

        def render():
            with compat_django.noting_csrf_token_use(request) as used:
                html = self.nodelist.render(context)
            used_csrf.append(used())
            nonce = compat_csp.nonce_if_used(request)
            return html.replace(f'nonce="{nonce}"', f'nonce="{NONCE_HOLE}"') if nonce else html

        def storable(html):
            return not any(used_csrf)

        html = get_or_compute(key, render, settings.FRAGMENT_CACHE_SECONDS, storable)
        if NONCE_HOLE in html:
            html = html.replace(NONCE_HOLE, str(request.csp_nonce))
        return html


@register.tag("taggedcache")
def do_taggedcache(parser, token):
    nodelist = parser.parse(("endtaggedcache",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError("'taggedcache' needs a fragment name.")
    return TaggedCacheNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]]
    )
