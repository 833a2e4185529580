"""Language-prefixed views that are not pages: the events calendars and the site search."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.search.query import Phrase

from caching import depends_on, listing_tag, page_tag, search_tag
from caching.routing import on_site, public, searchable_on_site
from pages.ical import calendar_response
from pages.listing import paginate, view_qualifiers
from pages.models import EventPage


def live_events(request):
    """The live events of the request's site in the reader's language."""
    events = on_site(public(EventPage.objects.live()), request, get_language())
    return events.select_related("locale")


def events_calendar(request):
    depends_on(listing_tag(EventPage, get_language()))
    events = live_events(request).order_by("start_date")
    return calendar_response(events, request, f"sofia-knowledge-city-{get_language()}.ics")


# The largest key a database integer holds: a longer number in the address is a 404, not an
# error from the database driver (SQLite's cannot even pass it).
MAX_DATABASE_ID = 2**63 - 1


def event_calendar(request, pk):
    if pk > MAX_DATABASE_ID:
        raise Http404("No such event")
    event = get_object_or_404(live_events(request), pk=pk)
    depends_on(page_tag(event.pk))
    return calendar_response([event], request, f"{event.slug}.ics")


MAX_QUERY_LENGTH = 200
# Control characters (NUL among them) cannot be stored or searched by PostgreSQL.
CONTROL_CHARACTERS = dict.fromkeys(range(32))


# Double quotes around a single word: SQLite's full-text engine reads a quoted word with inner
# punctuation ("xss-script", "a:b") as a column filter and fails.
QUOTED_WORD = re.compile(r'"([^"\s]*)"')


def clean_query(raw: str) -> str:
    """Trimmed and cut to a sane length; an unpaired double quote (which SQLite's full-text
    engine rejects) is dropped, and so are quotes around a single word; quotes around several
    words still search for a phrase."""
    query = raw.translate(CONTROL_CHARACTERS)[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        query = query.replace('"', " ")
    query = QUOTED_WORD.sub(r"\1", query)
    return " ".join(query.split())


def search_terms(query: str):
    """A single word with inner punctuation (a project number such as BG16RFOP002-2.009-0018-C01)
    is searched as a phrase, so the database splits it the same way it split the indexed text."""
    if " " not in query and '"' not in query and not query.isalnum():
        return Phrase(query)
    return query


def search(request):
    """Live pages of the reader's language only; any query string is safe to send."""
    query = clean_query(request.GET.get("q", ""))
    depends_on(search_tag(get_language()))
    results = None
    if query:
        # (the tree under the home page of the reader's language holds that language's pages)
        pages = searchable_on_site(public(Page.objects.live()), request, get_language())
        pages = pages.specific()
        results = paginate(request, pages.search(search_terms(query), operator="and"))
    return TemplateResponse(
        request,
        "pages/search.html",
        {
            "query": query,
            "page_obj": results,
            "results": results.object_list if results else [],
            "view_qualifiers": view_qualifiers(results) if results else [],
        },
    )
