"""Handing in a page translation for review, through the page's own Wagtail workflow
(wagtail-localize's translation editor offers no workflow action: wagtail-localize#676).

"Submit for review" saves the translator's strings as a draft revision of the translated page and
starts (or, after "Request changes", resumes) its workflow; Wagtail then notifies the moderators,
lists the page under "Awaiting your review", locks it for everyone outside the task's groups and
publishes it on approval. The translator's comment is kept in the page's history (a log entry).
"Sync" updates one translation from its source as a draft, for a translator who may not publish.
"""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.locks import WorkflowLock
from wagtail.log_actions import LogFormatter, log
from wagtail.models import (
    Page,
    PageLogEntry,
    TaskState,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail_localize.models import Translation, TranslationLog

from localization import permissions
from localization.outdated import SLUG_PATH

SUBMIT_ACTION = "localization.submit_for_review"
AWAITING_REVIEW, CHANGES_REQUESTED = "awaiting_review", "changes_requested"
REVIEW_STATES = {
    WorkflowState.STATUS_IN_PROGRESS: AWAITING_REVIEW,
    WorkflowState.STATUS_NEEDS_CHANGES: CHANGES_REQUESTED,
}
# Wagtail-localize views that change a translation; the others (preview) only read it.
EDITING_VIEWS = {
    "edit_string_translation",
    "edit_override",
    "machine_translate",
    "stop_translation",
    "upload_pofile",
}


class SubmitForReviewLogFormatter(LogFormatter):
    """How the hand-in shows in the page's history: the translator's comment as its comment."""

    label = gettext_lazy("Translation submitted for review")
    message = gettext_lazy("Translation submitted for review")

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


def register_log_actions(actions):
    actions.register_action(SUBMIT_ACTION)(SubmitForReviewLogFormatter)


def review_states():
    """Translated page id -> AWAITING_REVIEW or CHANGES_REQUESTED, in one query."""
    states = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type()
    )
    return {
        int(object_id): REVIEW_STATES[state]
        for object_id, state in states.values_list("object_id", "status")
    }


def page_of(translation):
    """The translated page, or None for a snippet or a translation not yet created."""
    target = translation.get_target_instance() if translation else None
    return target.specific if isinstance(target, Page) else None


def enabled_translation_of(page):
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def lock_reason(user, page):
    """Why the page is locked for ``user`` under Wagtail's own locks (a workflow task whose groups
    the user is not in, i.e. a translator while the Moderators review; a manual lock; a scheduled
    publish), or None."""
    lock = page.get_lock()
    if not lock or not lock.for_user(user):
        return None
    if isinstance(lock, WorkflowLock):
        return _("This translation is locked while it awaits review.")
    return lock.get_message(user)


def is_locked_for(user, page) -> bool:
    return lock_reason(user, page) is not None


def submission_comment(page, workflow_state):
    entry = (
        PageLogEntry.objects.filter(
            page=page, action=SUBMIT_ACTION, timestamp__gte=workflow_state.created_at
        )
        .order_by("-timestamp")
        .first()
    )
    return entry.data.get("comment", "") if entry else ""


def reviewer_comment(workflow_state):
    """The moderator's comment on the task that asked for changes."""
    task_state = workflow_state.current_task_state
    if task_state and task_state.status == TaskState.STATUS_REJECTED:
        return task_state.get_comment()
    return ""


def review_context(user, translation, page):
    """What the translation editor's review panel shows and offers this user."""
    state = page.current_workflow_state
    review = REVIEW_STATES.get(state.status) if state else None
    perms = page.permissions_for_user(user)
    may_edit = perms.can_edit() and permissions.may_work_in(user, page.locale.language_code)
    return {
        "translation": translation,
        "page": page,
        "review": review,
        "workflow_state": state,
        "submission_comment": submission_comment(page, state) if state else "",
        "reviewer_comment": reviewer_comment(state) if state else "",
        "locked": is_locked_for(user, page),
        "can_submit": may_edit and review != AWAITING_REVIEW and page.get_workflow() is not None,
    }


def refuse_while_locked(view):
    """Wrap a wagtail-localize view that changes a translation (by ``translation_id``): refused
    while the translated page is locked for the user, as Wagtail's page editor refuses it. The
    editor's string API gets a 403 with the reason; a PO upload form, the reason as a message."""

    @functools.wraps(view)
    def checked(request, *args, translation_id, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            translation = get_object_or_404(Translation, id=translation_id)
            page = page_of(translation)
            reason = lock_reason(request.user, page) if page is not None else None
            if reason:
                if request.FILES:
                    messages.error(request, reason)
                    editor_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                    return redirect(get_valid_next_url_from_request(request) or editor_url)
                return JsonResponse({"detail": reason}, status=403)
        return view(request, *args, translation_id=translation_id, **kwargs)

    return checked


def checked_translation(request, translation_id):
    """The page translation and its page, if the user may edit it (their language, Wagtail's edit
    permission on the translated page); else PermissionDenied."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    if not permissions.may_work_in(request.user, translation.target_locale.language_code):
        raise PermissionDenied
    page = page_of(translation)
    if page is None or not translation.enabled:
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return translation, page


@require_POST
def submit_for_review(request, translation_id):
    """Submit for review: the current strings saved as a draft, then the page's workflow started
    (or, after "Request changes", resumed) and the translator's comment logged with it."""
    translation, page = checked_translation(request, translation_id)
    editor_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    workflow = page.get_workflow()
    state = page.current_workflow_state
    if workflow is None:
        messages.error(request, _("This page has no workflow to submit it to."))
        return redirect(editor_url)
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        messages.error(request, _("This translation already awaits review."))
        return redirect(editor_url)
    comment = request.POST.get("comment", "").strip()[:2000]
    try:
        with transaction.atomic():
            save_translation_draft(translation, request.user)
            page = Page.objects.get(pk=page.pk).specific
            if state:
                state.resume(request.user)
            else:
                workflow.start(page, request.user)
            log(page, SUBMIT_ACTION, user=request.user, data={"comment": comment})
    except ValidationError:
        messages.error(
            request,
            _("The translation could not be saved: fix the strings marked with errors."),
        )
        return redirect(editor_url)
    messages.success(
        request,
        _('The translation "%(title)s" is submitted for review.')
        % {"title": page.get_admin_display_title()},
    )
    return redirect(editor_url)


def save_translation_draft(translation, user):
    """``save_target(publish=False)`` that leaves a live page's content alone.

    wagtail-localize writes the translated content onto the page's own row before it saves the
    revision, so on a live translation readers would see the unreviewed draft at once (with the
    source's text for strings not yet translated); its own "Sync" without publishing therefore
    skips the target. Here the translation is saved inside a savepoint, its revision's content
    kept and the savepoint rolled back; the content is then saved as a revision only, the way
    Wagtail's editor saves a draft of a live page, and logged as the translation's last sync."""
    page = page_of(translation)
    if page is None or not page.live:
        translation.save_target(user=user, publish=False)
        return
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            translation.save_target(user=user, publish=False)
            content = Page.objects.get(pk=page.pk).specific.latest_revision.content
        finally:
            transaction.savepoint_rollback(savepoint)
        live_page = Page.objects.get(pk=page.pk).specific
        revision = live_page.with_content_json(content).save_revision(user=user)
        TranslationLog.objects.create(
            source=translation.source, locale=translation.target_locale, revision=revision
        )


def changed_strings(translation):
    """Source strings of the translation that have no translation yet (new or changed ones; the
    slug aside, as in ``outdated.out_of_date``)."""
    segments = translation.source.stringsegment_set.exclude(context__path=SLUG_PATH)
    segments = segments.order_by("order")
    missing = segments.annotate_translation(translation.target_locale).filter(
        translation__isnull=True
    )
    return [segment.string.data for segment in missing.select_related("string")]


@require_POST
def sync_translation(request, translation_id):
    """Update THIS translation from its source and save it as a draft (never published), then open
    the translation editor, naming the strings that now need translating."""
    translation, page = checked_translation(request, translation_id)
    if not permissions.user_can_read_source(request.user, translation.source.get_source_instance()):
        raise PermissionDenied
    if reason := lock_reason(request.user, page):
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)
    with transaction.atomic():
        translation.source.update_from_db()
        try:
            save_translation_draft(translation, request.user)
        except ValidationError:
            messages.warning(request, _("Some strings could not be applied; see the editor."))
    pending = changed_strings(translation)
    if pending:
        listed = "; ".join(f"„{text[:60]}“" for text in pending[:5])
        messages.warning(
            request,
            ngettext(
                "Synced from the source. %(count)d string needs translating: %(strings)s",
                "Synced from the source. %(count)d strings need translating: %(strings)s",
                len(pending),
            )
            % {"count": len(pending), "strings": listed},
        )
    else:
        messages.success(request, _("Synced from the source. Every string is translated."))
    return redirect("wagtailadmin_pages:edit", page.pk)


class ChangesRequestedPanel(Component):
    """Dashboard panel: the user's translations a moderator sent back, with the comment."""

    name = "translation_changes_requested"
    template_name = "localization/changes_requested_panel.html"
    order = 205

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        states = WorkflowState.objects.filter(
            requested_by=user,
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=get_default_page_content_type(),
        ).select_related("current_task_state", "current_task_state__finished_by")
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        items = [
            {
                "page": pages[int(state.object_id)],
                "comment": reviewer_comment(state),
                "by": state.current_task_state.finished_by,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[int(state.object_id)]),
            }
            for state in states
            if int(state.object_id) in pages
        ]
        return {"items": items}


def unless_locked(module, name):
    """wagtail-localize's view ``name``, refused while locked if it changes the translation."""
    view = getattr(module, name)
    return refuse_while_locked(view) if name in EDITING_VIEWS else view
