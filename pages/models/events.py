from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from caching import shows_snippet
from pages.dates import DatePrecision, format_date_range, format_time_range, last_day
from pages.listing import check_year, filter_by_topic, paginate, topics_in, view_qualifiers
from pages.structured_data import event

from .base import BasePage, FundingProjectMixin, SectionIndexPage, TopicsMixin, tabbed


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The events section of one language: upcoming and ongoing events first, then past ones
    (paged, archived by year at /2023/), filterable by topic (?topic=smart-cities)."""

    listing_model = "pages.EventPage"
    listing_order = ("start_date", "pk")
    listing_context_name = "events"

    subpage_types = ["pages.EventPage"]

    query_params = ("page", "topic")  # read by render_listing; the page cache keys on them

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    @path("")
    def all_events(self, request):
        return self.render_listing(request)

    @path("<int:year>/")
    def year_archive(self, request, year):
        return self.render_listing(request, year=year)

    def render_listing(self, request, year=None):
        today = timezone.localdate()
        events = self.get_listing()
        all_events = events
        if year is not None:
            check_year(year)
            # An archive lists the past events of its year, and offers the topics they carry.
            events = events.filter(ends_on__lt=today, start_date__year=year)
            if not events.exists():
                raise Http404("No past events in this year")
        in_view = events
        events, topic = filter_by_topic(request, events)
        past = events.filter(ends_on__lt=today).order_by("-start_date", "-pk")
        upcoming = events.filter(ends_on__gte=today) if year is None else events.none()
        page_obj = paginate(request, past)
        return self.render(
            request,
            context_overrides={
                "view_qualifiers": view_qualifiers(page_obj, year=year, topic=topic),
                "upcoming": upcoming if page_obj.number == 1 else events.none(),
                "past": page_obj.object_list,
                "page_obj": page_obj,
                "archive_year": year,
                "active_topic": topic,
                "topics": topics_in(in_view),
                "years": SimpleLazyObject(
                    lambda: [
                        d.year
                        for d in all_events.filter(ends_on__lt=today).dates(
                            "start_date", "year", order="DESC"
                        )
                    ]
                ),
            },
        )


class EventPage(TopicsMixin, FundingProjectMixin, BasePage):
    """An event the cluster organises or takes part in: one day, several days, or a month when
    the exact days are not known (then only the month is ever shown)."""

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Role(models.TextChoices):
        EXHIBITOR = "exhibitor", _("Exhibitor")
        ORGANISER = "organiser", _("Organiser")
        VISITOR = "visitor", _("Visitor")
        PARTNER = "partner", _("Partner")

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "Choose “Month only” when only the month is known: the site then never shows a day."
        ),
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    hall = models.CharField(
        _("hall or stand"), max_length=100, blank=True, help_text=_("E.g. Hall 6.")
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    expected_audience = models.PositiveIntegerField(
        _("expected audience"),
        null=True,
        blank=True,
        help_text=_("Approximate number of participants; shown as “3,000+”."),
    )
    organiser = models.ForeignKey(
        "snippets.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    our_role = models.CharField(_("our role"), max_length=20, choices=Role.choices, blank=True)
    link_url = models.URLField(_("registration or information link"), blank=True, max_length=500)
    # The last day the event may still be going on: derived from the dates and their precision
    # on every save, so listings can split upcoming from past events in the database.
    ends_on = models.DateField(editable=False, null=True, db_index=True)

    content_panels = BasePage.content_panels
    details_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("date_precision"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("hall")]),
                FieldPanel("attendance"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("our_role"), FieldPanel("expected_audience")]),
                FieldPanel("link_url"),
            ],
            heading=_("Who"),
        ),
    ]
    related_panels = [*TopicsMixin.topic_panels, *FundingProjectMixin.project_panels]
    edit_handler = tabbed(content_panels, details=details_panels, related=related_panels)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("country"),
        index.SearchField("venue"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    route_select_related = ("organiser",)  # fetched with the page (caching/routing.py)

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")
        ordering = ["-start_date"]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if self.date_precision == DatePrecision.MONTH and (self.start_time or self.end_time):
            errors["start_time"] = _("An event known only by its month cannot have times.")
        if (
            self.start_time
            and self.end_time
            and (self.end_date in (None, self.start_date))
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("A one-day event cannot end before it starts.")
        if self.date_precision == DatePrecision.MONTH and self.start_date:
            self.start_date = self.start_date.replace(day=1)
            if self.end_date:
                self.end_date = self.end_date.replace(day=1)
        if errors:
            raise ValidationError(errors)

    def structured_data(self, request):
        return event(self, request)

    def save(self, *args, **kwargs):
        self.ends_on = last_day(self.end_date or self.start_date, self.date_precision)
        super().save(*args, **kwargs)

    @property
    def dates_display(self):
        return format_date_range(self.start_date, self.end_date, self.date_precision)

    @property
    def times_display(self):
        return format_time_range(self.start_time, self.end_time)

    @property
    def place_display(self):
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    @property
    def audience_display(self):
        if self.expected_audience is None:
            return ""
        return formats.number_format(self.expected_audience, force_grouping=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organiser"] = shows_snippet(self.organiser)
        return context
