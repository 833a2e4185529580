from django import template

from pages.dates import DatePrecision, format_date, format_date_range, format_time_range

register = template.Library()


@register.filter
def human_date(value, precision=DatePrecision.DAY):
    """``{{ page.date|human_date }}``: "21 февруари 2019" / "21 February 2019"."""
    return format_date(value, precision)


@register.simple_tag
def date_range(start, end=None, precision=DatePrecision.DAY):
    return format_date_range(start, end, precision)


@register.simple_tag
def time_range(start, end=None):
    return format_time_range(start, end)
