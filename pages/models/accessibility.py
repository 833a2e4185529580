"""The accessibility statement (one per language), on the model of Commission Implementing
Decision (EU) 2018/1523, with a feedback form kept and e-mailed like the label page's report
requests (docs/eu-publicity.md)."""

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from operations.rate_limit import RateLimit

from .base import BasePage, tabbed
from .label import receive_reader_form

FEEDBACK_PER_ADDRESS = RateLimit("accessibility-feedback", "ACCESSIBILITY_FEEDBACK_LIMIT")


class AccessibilityStatementPage(RoutablePageMixin, BasePage):
    """How accessible the site is, what is not and why, and how to tell the cluster."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NONE = "none", _("Not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("Self-assessment")
        THIRD_PARTY = "third-party", _("Assessment by a third party")

    compliance = models.CharField(
        _("compliance status"),
        max_length=12,
        choices=Compliance.choices,
        help_text=_("With WCAG 2.1 level AA (EN 301 549)."),
    )
    non_accessible_content = models.TextField(
        _("non-accessible content"),
        help_text=_("What is not accessible and why (one item per paragraph)."),
    )
    method = models.CharField(
        _("how the statement was prepared"), max_length=12, choices=Method.choices
    )
    method_details = models.TextField(_("how it was checked"), blank=True)
    prepared_on = models.DateField(_("prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"))
    enforcement = models.TextField(
        _("enforcement procedure"),
        help_text=_("Where a reader can turn if our answer does not satisfy them."),
    )
    feedback_email = models.EmailField(
        _("e-mail for feedback"),
        blank=True,
        help_text=_(
            "Where readers' accessibility feedback is sent. Empty: the site managers (MANAGERS "
            "setting). Every message is also kept in the admin."
        ),
    )

    content_panels = BasePage.content_panels
    details_panels = [
        FieldPanel("compliance"),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("method"),
                FieldPanel("method_details"),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            heading=_("Preparation"),
        ),
        FieldPanel("enforcement"),
        FieldPanel("feedback_email"),
    ]
    edit_handler = tabbed(content_panels, details=details_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("non_accessible_content")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        super().clean()
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            raise forms.ValidationError(
                {"reviewed_on": _("A statement cannot be reviewed before it was prepared.")}
            )

    def get_context(self, request, *args, **kwargs):
        from pages.forms import AccessibilityFeedbackForm  # pages.forms imports the models

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("feedback_form", AccessibilityFeedbackForm())
        return context

    @path("")
    def statement(self, request):
        """The statement and its feedback form (POST keeps and e-mails the message, then
        redirects to the thank-you page)."""
        from pages.forms import AccessibilityFeedbackForm  # pages.forms imports the models

        if request.method != "POST":
            return self.render(request)
        return receive_reader_form(
            self,
            request,
            form_class=AccessibilityFeedbackForm,
            form_name="feedback_form",
            limit=FEEDBACK_PER_ADDRESS,
            notify=notify_feedback,
            thanks="feedback_thanks",
        )

    @path("thanks/", name="feedback_thanks")
    def feedback_thanks(self, request):
        return self.render(request, context_overrides={"feedback_sent": True})


class AccessibilityFeedback(models.Model):
    """A reader's report of an accessibility problem (or request for inaccessible content)."""

    page = models.ForeignKey(
        AccessibilityStatementPage,
        verbose_name=_("accessibility statement"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    address = models.CharField(
        _("page with the problem"),
        max_length=500,
        blank=True,
        help_text=_("Its address or title, if the problem is on one page."),
    )
    message = models.TextField(_("message"), max_length=4000)
    language = models.CharField(_("language"), max_length=10, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("address", read_only=True),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return f"{self.name or self.email} <{self.email}>"


def notify_feedback(feedback):
    """E-mail the feedback to the cluster (in Bulgarian, the cluster's language)."""
    recipients = (
        [feedback.page.feedback_email]
        if feedback.page.feedback_email
        else [address for _name, address in settings.MANAGERS]
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Accessibility feedback on the website"))
        body = render_to_string("pages/emails/accessibility_feedback.txt", {"feedback": feedback})
    EmailMessage(subject=subject, body=body, to=recipients, reply_to=[feedback.email]).send()
