"""The EU emblem drawn inline (SVG, in colour), the band shown on every page while a funded
project runs (pages/eu_publicity.py), and the footer's link to the accessibility statement."""

from django import template
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from caching import depends_on, listing_tag
from caching.routing import on_site, public
from pages.eu_publicity import EMBLEM_STARS

register = template.Library()

REFLEX_BLUE = "#003399"
YELLOW = "#FFCC00"  # Pantone Yellow as the Council of Europe's specification gives it


@register.simple_tag
def eu_flag():
    """The EU emblem: a 3:2 reflex blue field with twelve gold stars (drawn to its geometry)."""
    return format_html(
        '<svg class="eu-flag" data-logo="eu" viewBox="0 0 180 120" role="img" '
        'aria-label="{}" focusable="false"><rect width="180" height="120" fill="{}"/>'
        '<path fill="{}" d="{}"/></svg>',
        gettext("Flag of the European Union"),
        REFLEX_BLUE,
        YELLOW,
        EMBLEM_STARS,
    )


def on_site_of(context, pages, language):
    """``pages`` limited to the site of the template's request, in ``language`` (all of them
    where the template has no request)."""
    request = context.get("request")
    return pages if request is None else on_site(pages, request, language)


@register.inclusion_tag("pages/includes/eu_band.html", takes_context=True)
def eu_funding_band(context):
    """The running funded project of the site in the reader's language (the latest started),
    if any."""
    from pages.models import ProjectFundingPage

    language = get_language()
    depends_on(listing_tag(ProjectFundingPage, language))
    today = timezone.localdate()
    running = (
        on_site_of(context, public(ProjectFundingPage.objects.live()), language)
        .filter(locale__language_code=language, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("locale")
        .order_by("-start_date")
        .first()
    )
    # (with the request, ``pageurl`` reuses the site root paths already read for this request)
    return {"project": running, "LANGUAGE_CODE": language, "request": context.get("request")}


@register.inclusion_tag("pages/includes/accessibility_link.html", takes_context=True)
def accessibility_statement_link(context):
    """The footer's link to the site's accessibility statement in the reader's language."""
    from pages.models import AccessibilityStatementPage

    language = get_language()
    depends_on(listing_tag(AccessibilityStatementPage, language))
    statement = (
        on_site_of(context, public(AccessibilityStatementPage.objects.live()), language)
        .filter(locale__language_code=language)
        .first()
    )
    return {"statement": statement, "request": context.get("request")}
