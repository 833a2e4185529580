"""Site-wide views outside the language prefix: sitemap.xml, robots.txt and /favicon.ico."""

from collections import defaultdict

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Page

from caching import SITEMAP_TAG, depends_on
from caching.routing import on_site, public


def sitemap(request):
    """Every live page of the request's site in both languages, each with reciprocal
    xhtml:link alternates.

    Still hand-written (checked against Django 5.2's django.contrib.sitemaps): its ``i18n`` mode
    repeats one item per language, so items would be translation groups located per active
    language; its ``x_default`` names the address without the language prefix (which
    negotiates), not the Bulgarian page our <head> names, so it would stay off; it lists an
    untranslated page as its own alternate, and adds an X-Robots-Tag header."""
    depends_on(SITEMAP_TAG)
    pages = on_site(public(Page.objects.live()), request).select_related("locale")
    pages = pages.order_by("path")
    by_key = defaultdict(list)
    entries = []
    for page in pages:
        entry = {
            "location": request.build_absolute_uri(page.get_url(request)),
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "alternates": by_key[page.translation_key],
        }
        by_key[page.translation_key].append(entry)
        entries.append(entry)
    return TemplateResponse(
        request, "home/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """Clients that ask for /favicon.ico without reading the page's icon links get the static
    file (a permanent redirect: its address carries the release's hash in production)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
