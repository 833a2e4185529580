"""Wagtail 8.0 internals this project relies on, in one place; each pinned by
tests/compat/test_compat.py.

The page routing of caching/routing.py answers in two queries what Wagtail asks in one a level, and
hands its result to Wagtail's own ``serve`` view so that hooks, view restrictions and serving run
unchanged. Wagtail has no public way to hand a route, a site or the site root paths to a request:
it caches each in a private attribute of the request, which is what these functions set and read.
No upstream issue asks for a public hook (to be proposed: "let a URL resolver hand a route to
wagtail.views.serve").
"""

from wagtail.images.fields import WagtailImageField
from wagtail.models import Site

MISSING = object()


def serve_route(request, path, route):
    """Wagtail's ``serve`` view with ``route`` ((page, args, kwargs) or None for a 404) as the
    result of ``Page.route_for_request``, which caches it in ``request._wagtail_route_for_request``
    (wagtail/models/pages.py) and returns it from there."""
    from wagtail.views import serve  # needs the app registry

    request._wagtail_route_for_request = route
    return serve(request, path)


def site_on_request(request):
    """The site ``Site.find_for_request`` found for ``request`` already (its cache:
    ``request._wagtail_site``), else ``MISSING``."""
    return getattr(request, "_wagtail_site", MISSING)


def remember_site(request, site) -> None:
    """Make ``site`` the one ``Site.find_for_request`` (and so ``Page.get_url``, ``{% pageurl %}``,
    settings) returns for ``request``."""
    request._wagtail_site = site


def find_site(request):
    """``Site.find_for_request`` without its per-request cache: the site for the request's host
    and port (the raw host, as Wagtail matches it, without Django's ALLOWED_HOSTS check)."""
    return Site._find_for_request(request)


def site_root_paths(request):
    """Wagtail's site root paths (``Site.get_site_root_paths``, one cache read), kept on the
    request in ``_wagtail_cached_site_root_paths`` where ``Page.get_url_parts(request)`` and
    ``{% pageurl %}`` look for them first."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def give_image_field_class(form, field_class) -> None:
    """Make the form's ``file`` field, which Wagtail builds as a ``WagtailImageField`` with the
    limits and messages of the admin's language (wagtail/images/forms.py,
    ``formfield_for_dbfield``), an instance of ``field_class`` (a subclass) with the same state.
    Wagtail has no setting for the image field's class; ``WAGTAILIMAGES_IMAGE_FORM_BASE`` cannot
    replace a field its ``formfield_callback`` makes."""
    file_field = form.fields.get("file")
    if type(file_field) is WagtailImageField:
        file_field.__class__ = field_class


# Wagtail's content checker runs axe-core 4.11, bundled in its admin (core.js) and userbar
# (userbar.js) scripts. localization/quality/content_checker.py names two of axe-core's own
# check functions by their registered names (its "metadata-function-map": not a documented list)
# and registers one function of its own through ``window.axe``, which the bundled axe-core sets
# (its UMD wrapper); Wagtail registers its own checks' functions inside its bundle, out of reach.
# axe-core also takes a function's source as a string, through ``new Function``, which a
# Content-Security-Policy without 'unsafe-eval' refuses. No upstream issue asks Wagtail for a
# way to register check functions (to be proposed: "let projects add content checker checks
# with their own evaluate").
AXE_BUNDLES = ("wagtailadmin/js/core.js", "wagtailadmin/js/userbar.js")
AXE_LANGUAGE_IN_LIST = "valid-lang-evaluate"  # with options.value: fails on another language
AXE_NON_EMPTY_ATTRIBUTE = "attr-non-space-content-evaluate"  # options.attribute has text
