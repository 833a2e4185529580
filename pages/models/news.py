import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from pages.dates import DatePrecision, format_date
from pages.listing import (
    LISTING_PARAMS,
    check_year,
    choices_in,
    filter_by_choice,
    filter_by_topic,
    paginate,
    topics_in,
    view_qualifiers,
)
from pages.structured_data import news_article

from .base import (
    BasePage,
    FundingProjectMixin,
    SectionIndexPage,
    TopicsMixin,
    in_active_language,
    tabbed,
)


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    """The news section of one language: newest first, paged, with archives by year and month
    (/2018/, /2018/7/) and filters by topic and kind (?topic=smart-cities&kind=blog)."""

    listing_model = "pages.NewsPage"
    listing_order = ("-date", "-pk")
    listing_context_name = "news"

    subpage_types = ["pages.NewsPage"]

    query_params = LISTING_PARAMS  # read by render_listing; the page cache keys on them

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    @path("")
    def all_news(self, request):
        return self.render_listing(request)

    @path("<int:year>/")
    def year_archive(self, request, year):
        return self.render_listing(request, year=year)

    @path("<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        return self.render_listing(request, year=year, month=month)

    def render_listing(self, request, year=None, month=None):
        news = self.get_listing()
        all_news = news
        if year is not None:  # /0/ is an impossible year (a 404), not "all years"
            check_year(year, month)
            news = news.filter(date__year=year)
            if month is not None:
                news = news.filter(date__month=month, date_precision__in=["day", "month"])
            if not news.exists():
                raise Http404("Nothing in this archive")
        in_period = news
        news, topic = filter_by_topic(request, news)
        news, kind = filter_by_choice(request, news, "kind", NewsPage.Kind.choices)
        # Each filter menu offers what has items in the period under the other active filter.
        of_kind = in_period.filter(kind=kind) if kind else in_period
        of_topic = in_period.filter(topics=topic) if topic else in_period
        page_obj = paginate(request, news)
        archive_month = datetime.date(year, month, 1) if month is not None else None
        return self.render(
            request,
            context_overrides={
                "view_qualifiers": view_qualifiers(
                    page_obj,
                    year=year,
                    month=archive_month,
                    topic=topic,
                    kind=NewsPage.KIND_ONLY[kind] if kind else None,
                ),
                "news": page_obj.object_list,
                "page_obj": page_obj,
                "archive_year": year,
                "archive_month": archive_month,
                "active_topic": topic,
                "active_kind": kind,
                "kinds": choices_in(of_topic, "kind", NewsPage.Kind.choices),
                "topics": topics_in(of_kind),
                "years": SimpleLazyObject(
                    lambda: [d.year for d in all_news.dates("date", "year", order="DESC")]
                ),
            },
        )


class NewsPage(TopicsMixin, FundingProjectMixin, BasePage):
    """A news item, blog publication or announcement."""

    og_type = "article"

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        BLOG = "blog", _("Blog publication")
        ANNOUNCEMENT = "announcement", _("Announcement")

    # A listing filtered by kind says so in its title: "Новини – само съобщения".
    KIND_ONLY = {
        Kind.NEWS: _("news items only"),
        Kind.BLOG: _("blog publications only"),
        Kind.ANNOUNCEMENT: _("announcements only"),
    }

    date = models.DateField(_("date"), default=timezone.localdate)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("For items from an archive whose exact day is not known."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("main image alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the main image shows. Required when there is an image."),
    )

    content_panels = [
        *BasePage.content_panels[:1],
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision"), FieldPanel("kind")]),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt_text")]),
        FieldPanel("body"),
    ]
    related_panels = [
        *TopicsMixin.topic_panels,
        InlinePanel("related_organisations", heading=_("Organisations"), label=_("organisation")),
        InlinePanel("related_people", heading=_("People"), label=_("person")),
        *FundingProjectMixin.project_panels,
    ]
    edit_handler = tabbed(content_panels, related=related_panels)

    search_fields = [*BasePage.search_fields, index.FilterField("date"), index.FilterField("kind")]

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    route_select_related = ("image",)  # fetched with the page (caching/routing.py)

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
        ordering = ["-date"]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError({"image_alt_text": _("Every image needs alt text.")})

    def structured_data(self, request):
        return news_article(self, request)

    @property
    def date_display(self):
        return format_date(self.date, self.date_precision)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = SimpleLazyObject(
            lambda: in_active_language(self.related_organisations.all(), "organisation")
        )
        context["people"] = SimpleLazyObject(
            lambda: in_active_language(self.related_people.all(), "person", "organisation")
        )
        return context


class NewsPageOrganisation(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_organisations")
    organisation = models.ForeignKey(
        "snippets.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("organisation")]


class NewsPagePerson(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_people")
    person = models.ForeignKey(
        "snippets.Person", verbose_name=_("person"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("person")]
