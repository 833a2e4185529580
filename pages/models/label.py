from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages.dates import DatePrecision

from .base import BasePage, FundingProjectMixin, tabbed


class ClusterLabelPage(FundingProjectMixin, BasePage):
    """A quality label the cluster holds. Whether it is valid is derived from today's date."""

    class Level(models.TextChoices):
        BRONZE = "bronze", _("Bronze")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    label_name = models.CharField(
        _("label name"),
        max_length=255,
        help_text=_("The label's full name, e.g. Cluster Management Excellence Label BRONZE."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    issuer = models.ForeignKey(
        "snippets.Organisation",
        verbose_name=_("issuer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    benchmarking_date = models.DateField(_("benchmarking date"), null=True, blank=True)
    benchmarking_date_precision = models.CharField(
        _("benchmarking date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    awarded_on = models.DateField(_("awarded on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    content_panels = BasePage.content_panels
    details_panels = [
        FieldPanel("label_name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("certificate_number")]),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("benchmarking_date"), FieldPanel("benchmarking_date_precision")]
                ),
                FieldRowPanel([FieldPanel("awarded_on"), FieldPanel("valid_until")]),
            ],
            heading=_("Dates"),
        ),
    ]
    edit_handler = tabbed(
        content_panels, details=details_panels, related=FundingProjectMixin.project_panels
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("label_name"),
        index.SearchField("certificate_number"),
    ]

    # Identifiers are the same in every language: synchronised, not offered for translation.
    override_translatable_fields = [SynchronizedField("certificate_number")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cluster label page")
        verbose_name_plural = _("cluster label pages")

    def clean(self):
        super().clean()
        if self.awarded_on and self.valid_until and self.valid_until < self.awarded_on:
            raise ValidationError(
                {"valid_until": _("A label cannot expire before it was awarded.")}
            )

    def is_valid_on(self, day=None):
        day = day or timezone.localdate()
        return self.valid_until is None or day <= self.valid_until

    @property
    def is_valid(self):
        return self.is_valid_on()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issuer"] = self.issuer
        return context
