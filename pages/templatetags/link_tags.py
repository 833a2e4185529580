from django import template
from wagtail.whitelist import check_url

from pages.listing import ordered_query

register = template.Library()


@register.filter
def web_link(url):
    """``{{ value.link_url|web_link }}``: the address if it is a web, mail or phone one (or
    relative), else "" (never javascript: or data:). The admin validates link fields, but
    wagtail-localize's override editor and the ORM do not, and a link must not run a script."""
    return check_url(str(url or "")) or ""


@register.simple_tag(takes_context=True)
def listing_query(context, **changes):
    """``{% listing_query topic=topic.slug page=None %}``: Django's ``{% querystring %}`` for a
    listing's filter and page links, with the parameters in one order (``ordered_query``) and
    without ``page=1``: the first page's address is the listing's own."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or (key == "page" and str(value) == "1"):
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{ordered_query(params)}" if params else request.path
