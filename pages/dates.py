"""Dates, month-only dates and ranges in the reader's language.

"21 февруари 2019", "28 март – 1 април 2023", "юни 2023", "2017" in Bulgarian (month names
lowercase, as in running text; Django's catalogue capitalises them); "21 February 2019" in
English.
"""

import calendar

from django.db import models
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

EN_DASH = "\u2013"


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def last_day(value, precision=DatePrecision.DAY):
    """The last day a date of the given precision covers (31 Dec for a year, the month's end)."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def month_name(month: int) -> str:
    name = str(MONTHS[month])
    return name.lower() if (get_language() or "").startswith("bg") else name


def format_day(value) -> str:
    return f"{value.day} {month_name(value.month)} {value.year}"


def format_month(value) -> str:
    return f"{month_name(value.month)} {value.year}"


def format_date(value, precision=DatePrecision.DAY) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    return format_month(value) if precision == DatePrecision.MONTH else format_day(value)


def format_date_range(start, end=None, precision=DatePrecision.DAY) -> str:
    """A date or a range, without repeating what the two ends share."""
    if start is None:
        return ""
    if precision == DatePrecision.YEAR:
        if end is None or end.year == start.year:
            return str(start.year)
        return f"{start.year}{EN_DASH}{end.year}"
    if precision == DatePrecision.MONTH:
        if end is None or (end.year, end.month) == (start.year, start.month):
            return format_month(start)
        if end.year == start.year:
            return f"{month_name(start.month)} {EN_DASH} {format_month(end)}"
        return f"{format_month(start)} {EN_DASH} {format_month(end)}"
    if end is None or end == start:
        return format_day(start)
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}{EN_DASH}{end.day} {month_name(end.month)} {end.year}"
    if end.year == start.year:
        return f"{start.day} {month_name(start.month)} {EN_DASH} {format_day(end)}"
    return f"{format_day(start)} {EN_DASH} {format_day(end)}"


def format_time_range(start, end=None) -> str:
    if start is None:
        return ""
    first = formats.time_format(start, "TIME_FORMAT")
    return f"{first}{EN_DASH}{formats.time_format(end, 'TIME_FORMAT')}" if end else first
