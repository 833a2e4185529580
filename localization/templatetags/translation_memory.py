"""``{% translation_memory_panel translation %}``: the translation editor's memory panel and
XLIFF exchange (localization/memory_views.py, localization/xliff.py)."""

from django import template

from localization.memory_views import panel_context

register = template.Library()


@register.inclusion_tag("localization/translation_memory_panel.html", takes_context=True)
def translation_memory_panel(context, translation):
    request = context.get("request")
    return {
        **panel_context(translation),
        "csrf_token": context.get("csrf_token"),
        "next_url": request.get_full_path() if request is not None else "",
    }
