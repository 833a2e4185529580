"""Language switcher: link each other language to this page's live translation, never to a 404."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

register = template.Library()


def live_translation_target(page: Page, locale: Locale) -> tuple[Page | None, bool]:
    """Return the page's live translation in ``locale``, else that of its nearest translated
    ancestor, with a flag saying whether it is the page itself."""
    candidates = [page, *page.get_ancestors(inclusive=False).filter(depth__gt=1).reverse()]
    for candidate in candidates:
        translation = candidate.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation, candidate.pk == page.pk
    return None, False


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        url, exact = None, True
        if isinstance(page, Page):
            locale = Locale.objects.filter(language_code=code).first()
            target, exact = live_translation_target(page, locale) if locale else (None, False)
            url = target.get_url(request) if target else None
        if url is None:
            url = translate_url(request.path, code)
        links.append(
            {"code": code, "name": info["name_local"].capitalize(), "url": url, "exact": exact}
        )
    return {"links": links, "current": current}
