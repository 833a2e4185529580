"""Language-prefixed views that are not pages: the calendar of events and its per-event files."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from pages.ical import calendar_response
from pages.models import EventPage


def live_events():
    return (
        EventPage.objects.live()
        .public()
        .filter(locale__language_code=get_language())
        .select_related("locale")
    )


def events_calendar(request):
    events = live_events().order_by("start_date")
    return calendar_response(events, request, f"sofia-knowledge-city-{get_language()}.ics")


def event_calendar(request, pk):
    event = get_object_or_404(live_events(), pk=pk)
    return calendar_response([event], request, f"{event.slug}.ics")
