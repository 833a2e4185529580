from django import template

from pages.structured_data import script_element

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context):
    """The page's schema.org data as a <script type="application/ld+json">, if it has any
    (pages/structured_data.py)."""
    page = context.get("page")
    method = getattr(getattr(page, "specific", None), "structured_data", None)
    data = method(context["request"]) if method else None
    if not data:
        return ""
    return script_element(data, getattr(context["request"], "csp_nonce", ""))
