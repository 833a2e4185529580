"""Page routing in two queries, and the checks every page view makes, without a query each.

Wagtail routes ``/en/news/some-item/`` one level at a time (a query for each page on the path,
another for each specific page, two for the localized home page) and then asks the database for
view restrictions and the site. Here the site comes from the cache, every page on the path from
one query on ``url_path``, and the page served from one more; the result is handed to Wagtail's
own ``serve`` view (compat/wagtail.py: the attribute Wagtail caches its route in), so hooks,
view restrictions and ``serve`` run unchanged.
"""

from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from caching import tagged_cache
from caching import tags as cache_tags
from compat import django as compat_django
from compat import wagtail as compat_wagtail

SITES_KEY = "pages:sites"
RESTRICTIONS_KEY = "pages:view-restrictions-exist"
RESTRICTIONS_GENERATION_KEY = "pages:view-restrictions-generation"
RESTRICTIONS_SECONDS = 30  # the longest an answer is kept, whatever happens


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, remembered per host and port in the cache."""
    site = compat_wagtail.site_on_request(request)
    if site is not compat_wagtail.MISSING:
        return site
    host = (compat_django.raw_host(request), request.get_port())
    sites = cache.get(SITES_KEY) or {}
    if host not in sites:
        sites[host] = compat_wagtail.find_site(request)
        cache.set(SITES_KEY, sites, timeout=None)
    compat_wagtail.remember_site(request, sites[host])
    return sites[host]


def view_restrictions_exist() -> bool:
    """Whether any page has a view restriction (a password, login or group), cached briefly.

    Fails closed: the answer is kept with the generation of restrictions it was computed under
    and used only while that generation is current, and a restriction saved or deleted starts a
    new generation when saved and again once committed. So an answer read from a database that
    did not show a restriction yet (a reader racing an editor's transaction) is never used after
    the commit, whenever it is stored; and no answer lives longer than ``RESTRICTIONS_SECONDS``.
    """
    found = cache.get_many([RESTRICTIONS_KEY, RESTRICTIONS_GENERATION_KEY])
    generation = found.get(RESTRICTIONS_GENERATION_KEY)
    kept = found.get(RESTRICTIONS_KEY)
    if generation is not None and kept is not None and kept[0] == generation:
        return kept[1]
    if generation is None:
        cache.add(RESTRICTIONS_GENERATION_KEY, tagged_cache.new_token(), timeout=None)
        generation = cache.get(RESTRICTIONS_GENERATION_KEY)
    exist = PageViewRestriction.objects.exists()
    if generation is not None:  # (None: the cache is unreachable)
        cache.set(RESTRICTIONS_KEY, (generation, exist), timeout=RESTRICTIONS_SECONDS)
    return exist


def public(queryset):
    """``queryset.public()``, which costs a query of all view restrictions, only when some
    exist: while none do, every live page is public."""
    return queryset.public() if view_restrictions_exist() else queryset


def forget_view_restrictions(**kwargs):
    """A new generation of restrictions now, and again once the change is committed (until
    then, other connections still read the database without it)."""
    start_restrictions_generation()
    transaction.on_commit(start_restrictions_generation)


def start_restrictions_generation():
    cache.set(RESTRICTIONS_GENERATION_KEY, tagged_cache.new_token(), timeout=None)


def forget_sites(**kwargs):
    cache.delete(SITES_KEY)


class ViewRestrictionsMixin:
    """Pages skip the view-restriction queries while no page has a restriction."""

    def get_view_restrictions(self):
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def routes_itself(page_class, remaining: list[str]) -> bool:
    """Whether a page on the path, rather than its descendants, answers the rest of it: a
    routable page whose own sub-routes match, or a page with routing of its own."""
    if issubclass(page_class, RoutablePageMixin):
        try:
            page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
        except Http404:
            return False
        return True
    return getattr(page_class, "route", Page.route) is not Page.route


def specific_page(model, pk):
    """The specific page with what its template shows through foreign keys, in one query, or
    from the cache while neither the page (published, moved, deleted...) nor the snippets and
    images it holds changed (caching/tagged_cache.py)."""
    related = ("locale", *getattr(model, "route_select_related", ()))

    def load():
        page = model._default_manager.select_related(*related).get(pk=pk)
        cache_tags.depends_on(cache_tags.page_tag(pk), cache_tags.MEDIA_TAG)
        cache_tags.shows_snippets_through(page, related)  # (translation keys: any language)
        return page

    if not settings.FRAGMENT_CACHE_SECONDS:
        return load()
    key = f"pages:served-page:{tagged_cache.release()}:{pk}"
    return tagged_cache.get_or_compute(key, load, served_page_seconds())


def served_page_seconds() -> int:
    """How long a served page object is kept: as long as fragments, but never longer than the
    page cache keeps a response (whatever a kept page object decides, such as its view
    restrictions, is decided afresh at least as often as a kept response is)."""
    if settings.PAGE_CACHE_SECONDS:
        return min(settings.FRAGMENT_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS)
    return settings.FRAGMENT_CACHE_SECONDS


def site_root_paths(request):
    """Wagtail's cached site root paths, kept on the request where ``Page.get_url(request)`` and
    ``{% pageurl %}`` look for them (one cache read per request)."""
    return compat_wagtail.site_root_paths(request)


def home_path(site, request) -> str | None:
    """The ``url_path`` of the home page of ``site`` in the reader's language."""
    language = get_language()
    return next(
        (
            root.root_path
            for root in site_root_paths(request)
            if root.site_id == site.pk and root.language_code == language
        ),
        None,
    )


def site_homes(request, language: str | None = None) -> list[str]:
    """The ``url_path`` of the request's site's home page in ``language`` (or in each of its
    languages when ``language`` is None); none when no site answers the request."""
    site = site_for_request(request)
    if site is None:
        return []
    return [
        root.root_path
        for root in site_root_paths(request)
        if root.site_id == site.pk and (language is None or root.language_code == language)
    ]


def on_site(queryset, request, language: str | None = None):
    """``queryset`` (pages) limited to the request's site: the pages under its home page in
    ``language``, or in any of its languages. (A database may hold more than one site, or a
    tree that no site serves; a reader's listing, feed or sitemap shows only the site asked.)"""
    under = Q(pk__in=[])
    for root_path in site_homes(request, language):
        under |= Q(url_path__startswith=root_path)
    return queryset.filter(under)


def searchable_on_site(queryset, request, language: str | None = None):
    """``on_site`` as the search backends can filter (on ``id``, through a subquery: they take
    neither ``url_path`` nor an OR of lookups on it)."""
    return queryset.filter(pk__in=on_site(Page.objects.all(), request, language).values("pk"))


class PathStep(NamedTuple):
    pk: int
    url_path: str
    depth: int
    model: type  # the specific page class


def pages_on_path(site, parts: list[str], request) -> list[PathStep] | None:
    """The reader's language's home page of ``site`` and the pages below it named by ``parts``
    (as far as they exist), in one query of their ids and types; None where the tree is not as
    expected."""
    root_path = home_path(site, request)
    if root_path is None:
        return None
    candidates = [root_path]
    for part in parts:
        candidates.append(f"{candidates[-1]}{part}/")
    rows = Page.objects.filter(url_path__in=candidates).order_by("depth")
    chain = [
        PathStep(pk, url_path, depth, ContentType.objects.get_for_id(content_type).model_class())
        for pk, url_path, depth, content_type in rows.values_list(
            "pk", "url_path", "depth", "content_type"
        )
    ]
    if not chain or chain[0].url_path != root_path or any(step.model is None for step in chain):
        return None
    if [page.depth for page in chain] != list(range(chain[0].depth, chain[0].depth + len(chain))):
        return None
    return chain


def route(request, path: str):
    """Wagtail's ``Page.route_for_request``: (page, args, kwargs), or None for a 404."""
    site = site_for_request(request)
    if site is None:
        return None
    parts = [part for part in path.split("/") if part]
    chain = pages_on_path(site, parts, request)
    if chain is None:  # leave it to Wagtail's own routing
        return Page.route_for_request(request, path)
    for depth, step in enumerate(chain):
        remaining = parts[depth:]
        if step is chain[-1] or routes_itself(step.model, remaining):
            try:
                return specific_page(step.model, step.pk).route(request, remaining)
            except Http404:
                return None
    return None


def serve(request, path):
    """Wagtail's ``serve`` view, with the route found by ``route``."""
    return compat_wagtail.serve_route(request, path, route(request, path))
