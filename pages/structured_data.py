"""schema.org JSON-LD, in the page's language: the cluster (home page), news (NewsArticle) and
events (Event), and the ``<script>`` element that carries it (``{% json_ld %}``, home's
template tags)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pages.dates import DatePrecision

# Characters that could end or break out of a <script> element, escaped inside JSON strings.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_element(data, nonce) -> str:
    """``data`` as a <script type="application/ld+json"> with the request's CSP nonce."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json" nonce="{nonce}">{payload}</script>')  # noqa: S308


ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def iso_date(value, precision=DatePrecision.DAY) -> str:
    """ISO 8601 with only what is known: 2023-03-28, 2023-06 or 2017."""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def organisation(home_page, request, other_language_home=None) -> dict:
    """The cluster as a schema.org Organization (its home page), named in both languages."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": home_page.title,
        "url": request.build_absolute_uri(home_page.get_url(request)),
        "description": home_page.intro,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _("Sofia"),
            "addressCountry": "BG",
        },
    }
    if other_language_home:
        data["alternateName"] = other_language_home.title
    return data


def cluster(request) -> dict:
    return {
        "@type": "Organization",
        "name": _("Sofia Knowledge City"),
        "url": request.build_absolute_uri("/"),
    }


def news_article(page, request) -> dict:
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.intro,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.locale.language_code,
        "datePublished": iso_date(page.date, page.date_precision),
        "author": cluster(request),
        "publisher": cluster(request),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.image_id:
        rendition = page.image.get_rendition("width-1200")
        data["image"] = request.build_absolute_uri(rendition.url)
    return data


def event(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.intro,
        "url": request.build_absolute_uri(page.get_url(request)),
        "inLanguage": page.locale.language_code,
        "startDate": iso_date(page.start_date, page.date_precision),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[page.attendance],
    }
    if page.start_time and page.date_precision == DatePrecision.DAY:
        data["startDate"] = f"{page.start_date.isoformat()}T{page.start_time.isoformat('minutes')}"
    if page.end_date:
        data["endDate"] = iso_date(page.end_date, page.date_precision)
    locations = []
    if page.attendance in ("in_person", "hybrid"):
        address = {"@type": "PostalAddress"}
        if page.city:
            address["addressLocality"] = page.city
        if page.country:
            address["addressCountry"] = page.country
        place = {
            "@type": "Place",
            "name": page.venue or page.city or page.title,
            "address": address,
        }
        locations.append(place)
    if page.attendance in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": page.link_url or data["url"]})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if page.organiser_id:
        organiser = page.organiser
        data["organizer"] = {"@type": "Organization", "name": organiser.name}
        if organiser.website:
            data["organizer"]["url"] = organiser.website
    return data
