import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end or break out of a <script> element, escaped inside JSON strings.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context):
    """The page's schema.org data as a <script type="application/ld+json">, if it has any."""
    page = context.get("page")
    method = getattr(getattr(page, "specific", None), "structured_data", None)
    data = method(context["request"]) if method else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(SCRIPT_ESCAPES)
    nonce = getattr(context["request"], "csp_nonce", "")
    return mark_safe(f'<script type="application/ld+json" nonce="{nonce}">{payload}</script>')  # noqa: S308
