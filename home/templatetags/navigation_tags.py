from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from caching import depends_on, menu_tag
from caching.routing import home_path, public, site_for_request

register = template.Library()


@register.inclusion_tag("home/includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The live sections of the reader's language marked "show in menus", and its home page,
    in one query. The request goes along for ``{% pageurl %}`` (Wagtail's site root paths are
    kept on it: no cache read per link)."""
    depends_on(menu_tag(get_language()))
    current, request = context.get("page"), context["request"]
    site = site_for_request(request)
    root_path = home_path(site, request) if site else None
    if root_path is None:
        return {"items": [], "current": current, "request": request}
    depth = root_path.count("/")  # "/home/" is at depth 2, under the tree's root
    pages = public(Page.objects.live().filter(url_path__startswith=root_path, depth__lte=depth + 1))
    pages = list(pages.order_by("path"))
    return {
        "home": next((page for page in pages if page.depth == depth), None),
        "items": [page for page in pages if page.depth == depth + 1 and page.show_in_menus],
        "current": current,
        "request": request,
    }
