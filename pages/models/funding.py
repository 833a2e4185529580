from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching import depends_on, listing_tag, shows_snippet
from caching.routing import public
from pages import eu_publicity
from pages.eu_publicity import Fund, Period
from pages.panels import EUPublicityPanel

from .base import BasePage, tabbed
from .events import EventPage
from .news import NewsPage


class ProjectFundingPage(BasePage):
    """An EU-funded project of the cluster: its facts, aims and results, and the EU emblem with
    the statement generated from them (pages/eu_publicity.py)."""

    Fund = Fund
    Period = Period

    class Currency(models.TextChoices):
        BGN = "BGN", _("Bulgarian lev (BGN)")
        EUR = "EUR", _("Euro (EUR)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    project_title = models.CharField(_("project title"), max_length=500)
    project_number = models.CharField(
        _("project number"), max_length=64, help_text=_("E.g. BG16RFOP002-2.009-0018-C01.")
    )
    programming_period = models.CharField(
        _("programming period"),
        max_length=9,
        choices=Period.choices,
        default=Period.P2021_2027,
        help_text=_("Decides the wording of the EU statement and the text beside the emblem."),
    )
    programme = models.ForeignKey(
        "snippets.FundingProgramme",
        verbose_name=_("operational programme"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    beneficiary = models.ForeignKey(
        "snippets.Organisation",
        verbose_name=_("beneficiary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    budget = models.DecimalField(
        _("total budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    eu_share = models.DecimalField(
        _("EU co-financing"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.BGN
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    aims = models.TextField(
        _("aims"),
        help_text=_(
            "What the project sets out to do, in a few sentences (required by the EU publicity "
            "rules once the page is published)."
        ),
    )
    results = models.TextField(
        _("results"),
        help_text=_(
            "What the project achieved or is to achieve (required by the EU publicity rules once "
            "the page is published)."
        ),
    )

    content_panels = [EUPublicityPanel(), *BasePage.content_panels]
    details_panels = [
        EUPublicityPanel(),
        FieldPanel("project_title"),
        FieldRowPanel([FieldPanel("project_number"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("programming_period"), FieldPanel("fund")]),
        FieldPanel("programme"),
        FieldPanel("beneficiary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("budget"), FieldPanel("eu_share"), FieldPanel("currency")])],
            heading=_("Budget"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("aims"),
        FieldPanel("results"),
    ]
    edit_handler = tabbed(content_panels, details=details_panels)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("project_title"),
        index.SearchField("project_number"),
    ]

    # Identifiers are the same in every language: synchronised, not offered for translation.
    override_translatable_fields = [
        SynchronizedField("project_number"),
        SynchronizedField("programming_period"),
        SynchronizedField("fund"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    # Fetched with the page (caching/routing.py).
    route_select_related = ("programme", "beneficiary")

    class Meta:
        verbose_name = _("project funding page")
        verbose_name_plural = _("project funding pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.budget is not None and self.eu_share is not None and self.eu_share > self.budget:
            errors["eu_share"] = _("The EU co-financing cannot be more than the total budget.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            programme=shows_snippet(self.programme),
            beneficiary=shows_snippet(self.beneficiary),
            project_news=self.activities(NewsPage).order_by("-date"),
            project_events=self.activities(EventPage).order_by("-start_date"),
        )
        return context

    def activities(self, model):
        """Live pages of ``model`` in this page's language that name this project (in any
        language: a translation keeps the source's link, so match by translation key)."""
        depends_on(listing_tag(model, get_language()))
        return public(model.objects.live()).filter(
            locale_id=self.locale_id, related_project__translation_key=self.translation_key
        )

    @property
    def eu_statement(self):
        """The EU statement in the active language."""
        return eu_publicity.eu_statement(self)

    @property
    def emblem_label(self):
        """The words beside the emblem, one per line."""
        return eu_publicity.emblem_label(self)

    @property
    def is_running(self):
        return eu_publicity.is_running(self)
