"""Languages on every page: the switcher and the <head> alternates (hreflang, canonical,
OpenGraph), and the notice on a translation that lags behind its original. All link only to live
translations, never to a page that would 404."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.models import Page

from caching import depends_on, page_tag, translations_tag
from caching.routing import public
from localization.outdated import out_of_date
from pages.dates import format_day
from pages.listing import ordered_query

register = template.Library()

OG_LOCALES = {"bg": "bg_BG", "en": "en_GB"}


def live_translations(page: Page) -> dict[str, Page]:
    """The live, public versions of ``page`` (itself included) by language code, in one query,
    kept on the page object so the switcher and the <head> share it."""
    if not hasattr(page, "_live_translations"):
        depends_on(translations_tag(page.translation_key))
        versions = public(Page.objects.filter(translation_key=page.translation_key).live())
        versions = versions.select_related("locale")
        page._live_translations = {version.locale.language_code: version for version in versions}
    return page._live_translations


def nearest_translated_ancestors(page: Page, codes) -> dict[str, Page]:
    """For each language in ``codes``, the deepest live translation of one of the page's
    ancestors (its section, else the home page), in one query."""
    keys = list(page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True))
    depends_on(*(translations_tag(key) for key in keys))
    candidates = public(
        Page.objects.filter(translation_key__in=keys, locale__language_code__in=codes).live()
    )
    candidates = candidates.select_related("locale").order_by("depth")
    return {candidate.locale.language_code: candidate for candidate in candidates}


def absolute(request, page: Page) -> str:
    return request.build_absolute_uri(page.get_url(request))


# Listing filters and the search query: the same in every language and never leading to a 404
# (an archive year or a page number may not exist in the other language, so they are dropped).
KEPT_FILTERS = ("topic", "kind", "q")


def same_view_suffix(request) -> str:
    """The reader's topic/kind filters or search query, carried over to the other language."""
    kept = request.GET.copy()
    for name in list(kept):
        if name not in KEPT_FILTERS:
            del kept[name]
    return f"?{ordered_query(kept)}" if kept else ""


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request, page, current = context["request"], context.get("page"), get_language()
    others = [code for code, _name in settings.LANGUAGES if code != current]
    translations = live_translations(page) if isinstance(page, Page) else {}
    missing = [code for code in others if code not in translations]
    fallbacks = nearest_translated_ancestors(page, missing) if missing and translations else {}
    links = []
    for code in others:
        target = translations.get(code) or fallbacks.get(code)
        if code in translations:
            url = target.get_url(request) + same_view_suffix(request)
        elif target:
            url = target.get_url(request)
        else:
            url = translate_url(request.path, code) + same_view_suffix(request)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "url": url,
                "exact": code in translations or not isinstance(page, Page),
            }
        )
    return {"links": links}


@register.inclusion_tag("home/includes/page_meta.html", takes_context=True)
def page_meta(context):
    """Canonical URL, hreflang alternates (x-default: Bulgarian), OpenGraph and description."""
    request, page, current = context["request"], context.get("page"), get_language()
    if not isinstance(page, Page):
        return {"canonical": request.build_absolute_uri(request.path), "og_locale": ""}
    translations = live_translations(page)
    alternates = [
        {"code": code, "url": absolute(request, translations[code])}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    description = page.search_description or getattr(specific, "intro", "") or ""
    return {
        "page": page,
        "canonical": absolute(request, page),
        "alternates": alternates,
        "x_default": absolute(request, default) if default else None,
        "description": description,
        "og_type": getattr(specific, "og_type", "website"),
        "og_locale": OG_LOCALES.get(current, current),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code in translations if code != current
        ],
        "site_name": context.get("site_name", ""),
    }


def source_updated_message(source_language: str, day: str) -> str:
    """ "The English version of this page was updated on 3 March 2026; …" in the reader's
    language."""
    if source_language == "en":
        message = gettext(
            "The English version of this page was updated on %(date)s; "
            "the translation is to follow."
        )
    else:
        message = gettext(
            "The Bulgarian version of this page was updated on %(date)s; "
            "the translation is to follow."
        )
    return message % {"date": day}


def read_original_text(source_language: str) -> str:
    """The link to the original, in the original's language (it is marked ``lang``)."""
    with translation.override(source_language):
        if source_language == "en":
            return gettext("Read the English version")
        return gettext("Read the Bulgarian version")


@register.inclusion_tag("home/includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """On a translated page whose translation is out of date (localization/outdated.py), when
    its original was updated and a link to it. It changes when the original or the page is
    published: both invalidate the tags declared here."""
    request, page = context.get("request"), context.get("page")
    if not isinstance(page, Page) or getattr(request, "is_preview", False):
        return {}
    depends_on(page_tag(page.pk), translations_tag(page.translation_key))
    others = {
        code: version for code, version in live_translations(page).items() if version.pk != page.pk
    }
    stale = out_of_date([page], others.values()).get(page.pk)
    if stale is None:
        return {}
    source_language = next(code for code, version in others.items() if version == stale.source)
    day = format_day(timezone.localtime(stale.source.last_published_at))
    return {
        "message": source_updated_message(source_language, day),
        "source_url": stale.source.get_url(request),
        "source_language": source_language,
        "link_text": read_original_text(source_language),
        "language": get_language(),
    }
