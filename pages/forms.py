"""The site's forms: the readers' forms on public pages (the label's benchmarking report request,
the accessibility statement's feedback) and the page editor's form (no silent overwrite).

The page models use the readers' forms inside their views only, and take the editor's form
lazily (``BasePage.base_form_class``): this module imports the models, not the other way round.
"""

import hashlib
import secrets
import time
import unicodedata

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page

from operations.rate_limit import limits_store
from pages.models import AccessibilityFeedback, ReportRequest

FORM_TOKEN_SALT = "pages.ReportRequestForm.issued"  # noqa: S105 (a salt, not a secret)
MIN_FILL_SECONDS = 3  # a person needs longer to fill the form in; a robot does not
MAX_FORM_AGE_SECONDS = 24 * 60 * 60


def form_token(issued_at: float | None = None) -> str:
    """The time the form is shown (now unless ``issued_at``) and a random part that makes each
    form's token its own, signed so that it cannot be forged."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.Signer(salt=FORM_TOKEN_SALT).sign(f"{issued_at:.3f}:{secrets.token_hex(8)}")


def form_token_age(token: str) -> float | None:
    """Seconds since the form with ``token`` was shown; None for a missing or forged token."""
    try:
        issued_at = signing.Signer(salt=FORM_TOKEN_SALT).unsign(token).partition(":")[0]
        return time.time() - float(issued_at)
    except (signing.BadSignature, ValueError):
        return None


def use_form_token(token: str, age: float) -> bool:
    """Record ``token`` as used until it expires; False when it was used before (a replay).
    Kept with the rate-limit counters, which a flood of page-cache entries cannot evict; while
    that store cannot be reached, a token is not refused."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    lifetime = max(1, int(MAX_FORM_AGE_SECONDS - age) + 1)
    return limits_store().add(f"form-token-used:{digest}", True, timeout=lifetime) is not False


class FormTokenField(forms.CharField):
    """A hidden field holding ``form_token``; a form shown again gets a fresh one, so that a
    reader told to send it again can."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=form_token, **kwargs)

    def bound_data(self, data, initial):
        return initial


def validate_single_line(value):
    """No line breaks or other control characters (they have no place in a name)."""
    if any(unicodedata.category(character) in ("Cc", "Zl", "Zp") for character in value):
        raise ValidationError(
            _("Write this on one line, without control characters."), code="not_single_line"
        )


class ReportRequestForm(forms.ModelForm):
    """A reader's request for a label's benchmarking report, with the checks against robots:
    the hidden trap field, a signed single-use token and a least fill time."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issued = FormTokenField()

    error_messages = {
        "bad_token": _("The form could not be checked. Please send it again."),
        "too_fast": _("The form was sent too quickly. Please check it and send it again."),
        "expired": _("The form was opened more than a day ago. Please send it again."),
        "used": _("This form has already been sent. To send another request, send it again."),
        "too_many": _(
            "Too many requests have been sent from your address. Please try again in an hour."
        ),
    }

    class Meta:
        model = ReportRequest
        fields = ["name", "organisation", "email", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    single_line_fields = ("name", "organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.single_line_fields:
            self.fields[name].validators.append(validate_single_line)

    def clean(self):
        cleaned_data = super().clean()
        age = form_token_age(cleaned_data.get("issued", ""))
        if age is None:
            raise ValidationError(self.error_messages["bad_token"], code="bad_token")
        if age < MIN_FILL_SECONDS:
            raise ValidationError(self.error_messages["too_fast"], code="too_fast")
        if age > MAX_FORM_AGE_SECONDS:
            raise ValidationError(self.error_messages["expired"], code="expired")
        if not self.errors and not use_form_token(cleaned_data["issued"], age):
            raise ValidationError(self.error_messages["used"], code="used")
        return cleaned_data


class AccessibilityFeedbackForm(ReportRequestForm):
    """The report form's checks (robot trap, signed and single-use token, fill time) on the
    feedback's fields."""

    single_line_fields = ("name", "address")
    error_messages = {
        **ReportRequestForm.error_messages,
        "used": _("This form has already been sent. To send another message, send it again."),
        "too_many": _(
            "Too many messages have been sent from your address. Please try again in an hour."
        ),
    }

    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "address", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


def latest_revision(page):
    """The page's latest revision as stored now (the form's instance is built from one)."""
    return Page.objects.select_related("latest_revision__user").get(pk=page.pk).latest_revision


def is_based_on(data, revision) -> bool:
    """Whether the submitted form was based on ``revision``, as Wagtail's edit view judges its
    autosaves: by the autosaved revision it overwrites, else by the revision it loaded (whose
    creation time changes when another session's autosave overwrites it)."""
    if overwritten := data.get("overwrite_revision_id"):
        return overwritten == str(revision.pk)
    if loaded := data.get("loaded_revision_id"):
        return loaded == str(revision.pk) and (
            data.get("loaded_revision_created_at", "") == revision.created_at.isoformat()
        )
    return True  # a client that does not say: as in Wagtail, assume it is up to date


class ConflictCheckedPageForm(WagtailAdminPageForm):
    """The page editor's form: saving over a newer version than the one the editor opened is
    refused.

    Wagtail 8 warns an editor whose browser has learnt (through its editing-session pings, every
    few seconds) that someone else saved the page, and refuses such an autosave; but a full save
    of the form is accepted whatever version it was based on, so without JavaScript, or before
    the next ping, the other editor's work is silently replaced. Here that save is a form error
    instead: nothing is saved, the editor keeps what they typed and is told who saved meanwhile,
    and the form they get back is based on that latest version, so that saving it again is a
    deliberate choice. Previews are not checked (Wagtail builds their form without a
    subscription). A newer version saved by the same editor is not a conflict: Wagtail autosaves
    a draft half a second after each change, and one may still be on its way when they save or
    publish (their other tabs are left to Wagtail's editing-session warning).
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and self.subscription is not None and self.instance.pk:
            self.check_based_on_latest_revision()
        return cleaned_data

    def check_based_on_latest_revision(self):
        revision = latest_revision(self.instance)
        if revision is None or is_based_on(self.data, revision):
            return
        if self.only_own_versions_since_base():
            return
        if revision.user:
            message = _(
                "%(user)s saved a newer version of this page after you opened it. Nothing has "
                "been saved: compare with their version in the page's history, then save again "
                "to replace it with yours."
            ) % {"user": get_user_display_name(revision.user)}
        else:
            message = _(
                "A newer version of this page was saved after you opened it. Nothing has been "
                "saved: compare with that version in the page's history, then save again to "
                "replace it with yours."
            )
        raise ValidationError(message, code="out_of_date")

    def only_own_versions_since_base(self) -> bool:
        """Whether the revision the form names as its base is one of this page's, and every
        change since (a later revision, or the base overwritten by an autosave) was this
        editor's own."""
        based_on = self.data.get("overwrite_revision_id") or self.data.get("loaded_revision_id")
        if self.for_user is None or not str(based_on or "").isdigit():
            return False
        base = self.instance.revisions.filter(pk=based_on).first()
        if base is None or (not is_based_on(self.data, base) and base.user_id != self.for_user.pk):
            return False
        newer = self.instance.revisions.filter(pk__gt=base.pk)
        return not newer.exclude(user_id=self.for_user.pk).exists()
