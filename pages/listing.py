"""Paging and filtering of public listings. Bad input never raises a 500: a page number that is
not a number gives the first page, one out of range or an unknown filter value gives a 404."""

import re
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as ResultsPage
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from caching import TOPICS_TAG, depends_on
from pages.dates import DatePrecision, format_date
from snippets.models import Topic

PER_PAGE = 10
LISTING_PARAMS = ("page", "topic", "kind")  # the query parameters a listing's content depends on
QUERY_ORDER = ("q", "kind", "topic", "page")  # the one order of the parameters in a printed link
SLUG = re.compile(r"[-\w]{1,80}")  # Topic.slug: a SlugField of at most 80 characters


def ordered_query(params) -> str:
    """``params`` (a QueryDict) as a query string in the one order every link prints them in,
    so that each view of a listing has one address (one title, one cache entry)."""
    order = {name: position for position, name in enumerate(QUERY_ORDER)}
    ordered = sorted(params.lists(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return urlencode(ordered, doseq=True)


def page_number(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def paginate(request, queryset, per_page=PER_PAGE):
    """The page of results the reader asked for. The first page always exists, so it is not
    counted in advance: its results (and the count, for the page links) are only queried when a
    template uses them, which a cached fragment (``{% taggedcache %}``) does not."""
    paginator = Paginator(queryset, per_page)
    number = page_number(request)
    if number == 1:
        return ResultsPage(queryset[:per_page], 1, paginator)
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404("No such page of results") from None


def check_year(year: int, month: int | None = None):
    """Archive URLs take any digits: keep them within what dates can hold, else 404."""
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise Http404("No such archive")


def topics_in(queryset):
    """The topics that the listed pages use, each with ``item_count`` (how many of them carry
    it), for the filter menu: a topic without items in the view is not offered."""
    depends_on(TOPICS_TAG)
    name = queryset.model._meta.model_name
    topics = Topic.objects.filter(**{f"{name}__in": queryset})
    return topics.annotate(item_count=Count(name))


def choices_in(queryset, name, choices):
    """The ``(value, label, count)`` of each choice of the field ``name`` that the listed pages
    use, in the choices' order, for the filter menu."""
    counts = dict(queryset.order_by().values_list(name).annotate(count=Count("pk")))
    return [(value, label, counts[value]) for value, label in choices if counts.get(value)]


def filter_by_topic(request, queryset):
    """Apply ``?topic=<slug>``; returns (queryset, topic or None). A value that cannot be a
    slug is not looked up (PostgreSQL refuses a NUL character in a query: a 500)."""
    slug = request.GET.get("topic")
    if not slug:
        return queryset, None
    if not SLUG.fullmatch(slug):
        raise Http404("Unknown topic")
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("Unknown topic")
    return queryset.filter(topics=topic), topic


def filter_by_choice(request, queryset, name, choices):
    """Apply ``?<name>=<value>`` for a field with choices; returns (queryset, value or None)."""
    value = request.GET.get(name)
    if not value:
        return queryset, None
    if value not in dict(choices):
        raise Http404(f"Unknown {name}")
    return queryset.filter(**{name: value}), value


def view_qualifiers(page_obj, *, year=None, month=None, topic=None, kind=None):
    """What sets a view of a listing apart from the listing itself (its period, topic, kind
    and page number), for the view's <title> and <h1>: "Новини – 2023 – Умни градове –
    страница 2". The first page of the whole listing has none."""
    parts = []
    if month is not None:
        parts.append(format_date(month, DatePrecision.MONTH))
    elif year is not None:
        parts.append(str(year))
    if topic is not None:
        parts.append(topic.name)
    if kind:
        parts.append(str(kind))
    if page_obj.number > 1:
        parts.append(_("page %(number)s") % {"number": page_obj.number})
    return parts
