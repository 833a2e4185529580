from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from caching import depends_on, listing_tag
from caching.routing import ViewRestrictionsMixin, public
from home.templatetags.language_tags import live_translations
from pages.forms import ConflictCheckedPageForm
from pages.models import EventPage, NewsPage
from pages.models.base import PageDefaultsHookMixin
from pages.structured_data import organisation


class HomePage(ViewRestrictionsMixin, PageDefaultsHookMixin, Page):
    """The root of each language's page tree (one per locale, the English one a translation)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph under the page title that says what the cluster is."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = ConflictCheckedPageForm  # no silent overwrite of a newer version

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.NewsIndexPage",
        "pages.EventIndexPage",
        "pages.ClusterLabelPage",
        "pages.ProjectFundingPage",
        "pages.StandardPage",
        "pages.AccessibilityStatementPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def structured_data(self, request):
        """The cluster as a schema.org Organization, named in both languages."""
        other = next(
            (page for code, page in live_translations(self).items() if page.pk != self.pk), None
        )
        return organisation(self, request, other)

    def get_context(self, request, *args, **kwargs):
        """The latest news and events of this language, and its main sections."""
        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        depends_on(listing_tag(NewsPage, language), listing_tag(EventPage, language))
        context["latest_news"] = public(NewsPage.objects.live().descendant_of(self)).order_by(
            "-date", "-pk"
        )[:3]
        context["latest_events"] = public(EventPage.objects.live().descendant_of(self)).order_by(
            "-start_date"
        )[:3]
        context["sections"] = self.get_children().live().in_menu().specific()
        return context
