"""The page editor's form: saving over a newer version than the one the editor opened is refused.

Wagtail 8 warns an editor whose browser has learnt (through its editing-session pings, every few
seconds) that someone else saved the page, and refuses such an autosave; but a full save of the
form is accepted whatever version it was based on, so without JavaScript, or before the next ping,
the other editor's work is silently replaced. Here that save is a form error instead: nothing is
saved, the editor keeps what they typed and is told who saved meanwhile, and the form they get
back is based on that latest version, so that saving it again is a deliberate choice.
Previews are not checked (Wagtail builds their form without a subscription).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page


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
    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and self.subscription is not None and self.instance.pk:
            self.check_based_on_latest_revision()
        return cleaned_data

    def check_based_on_latest_revision(self):
        revision = latest_revision(self.instance)
        if revision is None or is_based_on(self.data, revision):
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
