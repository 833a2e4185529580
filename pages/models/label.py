import logging
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching import shows_snippet
from operations.rate_limit import RateLimit, client_ip
from pages.dates import DatePrecision

from .base import BasePage, FundingProjectMixin, tabbed

logger = logging.getLogger(__name__)

REPORT_REQUESTS_PER_ADDRESS = RateLimit("report-request", "REPORT_REQUEST_LIMIT")
TOO_MANY_REQUESTS = 429


class ClusterLabelPage(RoutablePageMixin, FundingProjectMixin, BasePage):
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
    report_email = models.EmailField(
        _("e-mail for report requests"),
        blank=True,
        help_text=_(
            "Where readers' requests for the benchmarking report are sent. Empty: the site "
            "managers (MANAGERS setting). Every request is also kept in the admin."
        ),
    )

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
        FieldPanel("report_email"),
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

    route_select_related = ("issuer",)  # fetched with the page (caching/routing.py)

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
        from pages.forms import ReportRequestForm  # pages.forms imports the models

        context = super().get_context(request, *args, **kwargs)
        context["issuer"] = shows_snippet(self.issuer)
        context.setdefault("report_form", ReportRequestForm())
        return context

    @path("")
    def label(self, request):
        """The label, with the form to request its benchmarking report (POST saves, e-mails
        the cluster and redirects to the thank-you page)."""
        from pages.forms import ReportRequestForm  # pages.forms imports the models

        if request.method != "POST":
            return self.render(request)
        return receive_reader_form(
            self,
            request,
            form_class=ReportRequestForm,
            form_name="report_form",
            limit=REPORT_REQUESTS_PER_ADDRESS,
            notify=notify_cluster,
            thanks="report_thanks",
        )

    @path("thanks/", name="report_thanks")
    def report_thanks(self, request):
        return self.render(request, context_overrides={"report_sent": True})


def receive_reader_form(page, request, *, form_class, form_name, limit, notify, thanks):
    """A reader's form posted to ``page`` (the label's report request, the accessibility
    statement's feedback): the robots' trap, the form's errors shown on the page, a limit per
    client address (429 with a readable error), then the row kept with its page and language and
    e-mailed (a failing mail server loses nothing: it is in the admin all the same); redirects to
    the thank-you subpage ``thanks``."""
    thanks = redirect(page.url + page.reverse_subpage(thanks))
    if request.POST.get("website"):  # the hidden field only robots fill in
        return thanks
    form = form_class(request.POST)
    if not form.is_valid():
        return page.render(request, context_overrides={form_name: form})
    if not limit.hit(client_ip(request)):
        form.add_error(None, form_class.error_messages["too_many"])
        response = page.render(request, context_overrides={form_name: form})
        response.status_code = TOO_MANY_REQUESTS
        return response
    row = form.save(commit=False)
    row.page = page
    row.language = request.LANGUAGE_CODE
    row.save()
    try:
        notify(row)
    except (smtplib.SMTPException, OSError) as error:
        logger.error("%s %s could not be e-mailed: %s", row._meta.verbose_name, row.pk, error)
    return thanks


class ReportRequest(models.Model):
    """A reader's request for the benchmarking report behind a label."""

    page = models.ForeignKey(
        ClusterLabelPage,
        verbose_name=_("label page"),
        on_delete=models.CASCADE,
        related_name="report_requests",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")

    def __str__(self):
        return f"{self.name} <{self.email}>"


def notify_cluster(report_request):
    """E-mail the request to the cluster (in Bulgarian, the cluster's language)."""
    recipients = (
        [report_request.page.report_email]
        if report_request.page.report_email
        else [address for _name, address in settings.MANAGERS]
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Request for the benchmarking report: %(label)s") % {
            "label": report_request.page.label_name
        }
        body = render_to_string("pages/emails/report_request.txt", {"request": report_request})
    EmailMessage(
        subject=" ".join(str(subject).split()),
        body=body,
        to=recipients,
        reply_to=[report_request.email],
    ).send()
