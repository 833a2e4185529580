from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The root of each language's page tree (one per locale, the English one a translation)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph under the page title that says what the cluster is."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.NewsIndexPage",
        "pages.EventIndexPage",
        "pages.ClusterLabelPage",
        "pages.ProjectFundingPage",
        "pages.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
