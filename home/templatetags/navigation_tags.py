from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from pages.cache_tags import depends_on, menu_tag

register = template.Library()


@register.inclusion_tag("home/includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The live sections of the reader's language marked "show in menus"."""
    request = context["request"]
    depends_on(menu_tag(get_language()))
    site = Site.find_for_request(request)
    current = context.get("page")
    if site is None:
        return {"items": [], "current": current}
    home = site.root_page.localized
    items = home.get_children().live().in_menu().specific(defer=True)
    return {"home": home, "items": items, "current": current}
