"""iCalendar (.ics) for events: one event, or a language's whole calendar (Europe/Sofia)."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pages.dates import DatePrecision

PRODID = "-//Sofia Knowledge City//Events//BG-EN"


def first_day_after(event) -> datetime.date:
    """The exclusive end of an all-day event: the day after its last day, month or year."""
    last = event.end_date or event.start_date
    if event.date_precision == DatePrecision.YEAR:
        return datetime.date(last.year + 1, 1, 1)
    if event.date_precision == DatePrecision.MONTH:
        return datetime.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return last + datetime.timedelta(days=1)


def vevent(event, request) -> icalendar.Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    item = icalendar.Event()
    item.add("uid", f"{event.translation_key}-{event.locale.language_code}@sofia-knowledge-city")
    item.add("summary", event.title)
    if event.intro:
        item.add("description", event.intro)
    if event.place_display:
        item.add("location", event.place_display)
    item.add("url", request.build_absolute_uri(event.get_url(request)))
    item.add("dtstamp", event.last_published_at or datetime.datetime.now(datetime.UTC))
    if event.start_time and event.date_precision == DatePrecision.DAY:
        item.add("dtstart", datetime.datetime.combine(event.start_date, event.start_time, zone))
        end_day = event.end_date or event.start_date
        end_time = event.end_time or event.start_time
        item.add("dtend", datetime.datetime.combine(end_day, end_time, zone))
    else:
        item.add("dtstart", event.start_date)
        item.add("dtend", first_day_after(event))
    return item


def calendar_response(events, request, filename: str) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Sofia Knowledge City: events"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(vevent(event, request))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response
