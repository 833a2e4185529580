from django import template
from wagtail.whitelist import check_url

register = template.Library()


@register.filter
def web_link(url):
    """``{{ value.link_url|web_link }}``: the address if it is a web, mail or phone one (or
    relative), else "" (never javascript: or data:). The admin validates link fields, but
    wagtail-localize's override editor and the ORM do not, and a link must not run a script."""
    return check_url(str(url or "")) or ""
