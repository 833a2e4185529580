"""``{% translation_badges page %}``: the state of each translation of a page, for editors
(localization/badges.py)."""

from django import template

from localization.badges import badges

register = template.Library()


@register.inclusion_tag("localization/translation_badges.html", takes_context=True)
def translation_badges(context, page):
    request = context.get("request")
    return {"badges": badges(request, page) if request is not None else []}
