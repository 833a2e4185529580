"""Publishing a translation with an error is refused, unless a moderator overrides the errors
with a reason (kept in the object's history as a log entry).

The ways a translation is published here: the translation editor's "Publish" (wagtail-localize's
``edit_translation`` view, behind Wagtail's ``before_edit_page``/``before_edit_snippet`` hooks,
where our hook runs first), a moderator's "Approve" in the page's workflow (Wagtail's
``workflow_action`` view, which config/urls.py routes through ``guard_workflow_action``),
wagtail-localize's "Sync translated pages" with "Publish immediately" (``UpdateTranslationsView``)
and our code's ``localization.translate.translate_with_strings`` (``publish_checked`` or
``translation_refusal``). Importing PO or XLIFF files (admin upload, ``import_locale_po``,
``import_locale_xliff``) only stores the strings: wagtail-localize's ``import_po`` publishes
nothing, and the command lists the errors that will refuse publishing.
"""

import contextlib

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.log_actions import LogFormatter, log, registry
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import apply_machine_translation

from compat import wagtail_localize as compat
from localization import permissions, review
from localization.machine_translation import refusal as machine_translation_refusal
from localization.quality.translation_checks import report_for

OVERRIDE_ACTION = "localization.quality_override"
APPROVE_ACTIONS = {"approve"}


class QualityOverrideLogFormatter(LogFormatter):
    """How an override shows in the history: the moderator's reason as its comment."""

    label = gettext_lazy("Translation errors overridden")
    message = gettext_lazy("Translation errors overridden for publishing")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


def register_log_actions(actions):
    actions.register_action(OVERRIDE_ACTION)(QualityOverrideLogFormatter)


def translation_of(instance):
    """The enabled wagtail-localize Translation that made ``instance``, or None."""
    if getattr(instance, "translation_key", None) is None:
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source__locale", "target_locale")
        .first()
    )


def overridden(instance, report):
    """Whether a moderator overrode exactly the errors the translation has now."""
    fingerprint = report.errors_fingerprint()
    entries = registry.get_logs_for_instance(instance).filter(action=OVERRIDE_ACTION)
    return any(
        entry.data.get("errors") == fingerprint for entry in entries.order_by("-timestamp")[:20]
    )


def refusal(instance, translation=None):
    """Why publishing the translation ``instance`` is refused (in the active language), or None."""
    translation = translation or translation_of(instance)
    if translation is None:
        return None
    return translation_refusal(translation, instance)


def target_of(translation):
    """The translated page (specific) or snippet of ``translation``, or None before its first
    save."""
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        return None
    return instance.specific if isinstance(instance, Page) else instance


def translation_refusal(translation, instance=None):
    """Why publishing ``translation`` is refused, or None: its errors, unless a moderator
    overrode them on ``instance`` (the translated object, when it exists)."""
    # Machine output a translator has not confirmed is never published, nor overridden.
    if unconfirmed := machine_translation_refusal(translation):
        return unconfirmed
    report = report_for(translation)
    errors = report.errors
    if not errors or (instance is not None and overridden(instance, report)):
        return None
    count = len(errors)
    return ngettext(
        "Publishing is refused: the translation has %(count)d error (%(first)s). Fix it, or a "
        "moderator may override it with a reason.",
        "Publishing is refused: the translation has %(count)d errors (the first: %(first)s). "
        "Fix them, or a moderator may override them with a reason.",
        count,
    ) % {"count": count, "first": errors[0].message}


class PublishingRefused(Exception):
    """A translation was to be published with errors nobody overrode; ``reason`` says why."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def publish_checked(translation, user=None):
    """``translation.save_target(publish=True)`` for a translation that passes the checks (or
    whose errors a moderator overrode). Otherwise it is saved as a draft (a live page keeps its
    content: ``review.save_translation_draft``), or, for a model without drafts, not at all,
    and the reason is returned (in the active language); None when it was published."""
    reason = translation_refusal(translation, target_of(translation))
    if reason is None:
        translation.save_target(user=user, publish=True)
        return None
    if issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin):
        review.save_translation_draft(translation, user)
    return reason


class UpdateTranslationsView(permissions.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages": with "Publish immediately", each translation
    is published through ``publish_checked``; one with errors stays a draft, named in a
    message with the reason."""

    @transaction.atomic
    def form_valid(self, form):
        """Upstream's ``form_valid`` (wagtail-localize 1.14.5) when not publishing; when
        publishing, the same steps with ``publish_checked`` in place of ``save_target``."""
        if not form.cleaned_data["publish_translations"]:
            return super().form_valid(form)
        self.object.update_from_db()
        enabled_translations = self.object.translations.filter(enabled=True)
        if form.cleaned_data.get("use_machine_translation"):
            machine_translator = get_machine_translator()
            for translation in enabled_translations.select_related("target_locale"):
                apply_machine_translation(translation.id, self.request.user, machine_translator)
        for translation in enabled_translations.select_related("source__locale", "target_locale"):
            with contextlib.suppress(ValidationError):  # as upstream: a target it cannot save
                reason = publish_checked(translation, self.request.user)
                if reason:
                    messages.error(
                        self.request,
                        _("The %(language)s translation was not published. %(reason)s")
                        % {
                            "language": compat.in_running_text(translation.target_locale),
                            "reason": reason,
                        },
                    )
        self.components.save(
            self.object, sources_and_translations={self.object: list(enabled_translations)}
        )
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


def may_override(user, instance):
    if isinstance(instance, Page):
        return permissions.may_publish(user, instance)
    opts = instance._meta
    return permissions.confined_languages(user) is None and user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    opts = instance._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[instance.pk])


def refuse_publishing_from_editor(request, instance):
    """``before_edit_page``/``before_edit_snippet``: the translation editor's "Publish" refused
    with the reason while the translation has errors nobody overrode."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    reason = refusal(instance)
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect(edit_url(instance))


WORKFLOW_ACTION_ROUTE = (
    "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/"
)


def wagtail_workflow_action(page_id, action_name, task_state_id):
    """Wagtail's own view for the address (with its admin access check), from its URLconf."""
    from wagtail.admin import urls  # not at import: it collects the admin URLs of every app

    path = f"/pages/workflow/action/{page_id}/{action_name}/{task_state_id}/"
    return resolve(path, urlconf=urls).func


def guard_workflow_action(request, page_id, action_name, task_state_id):
    """Wagtail's workflow action view (config/urls.py routes its address here first), refusing
    "Approve" of a translated page with errors: the reason as a message, back on the
    translation editor."""
    if (
        request.method == "POST"
        and action_name in APPROVE_ACTIONS
        and request.user.has_perm("wagtailadmin.access_admin")
    ):
        page = get_object_or_404(Page, pk=page_id).specific
        reason = refusal(page)
        if reason:
            messages.error(request, reason)
            url = edit_url(page)
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                json_data = {"step": "success", "redirect": url}
                return render_modal_workflow(request, "", None, {}, json_data=json_data)
            return redirect(url)
    view = wagtail_workflow_action(page_id, action_name, task_state_id)
    return view(request, page_id=page_id, action_name=action_name, task_state_id=task_state_id)


@require_POST
def override_errors(request, translation_id):
    """A moderator lets the translation be published with its present errors, giving a reason
    (kept in the history of the translated page or snippet)."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"), pk=translation_id
    )
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    instance = instance.specific if isinstance(instance, Page) else instance
    if not may_override(request.user, instance):
        raise PermissionDenied
    reason = request.POST.get("reason", "").strip()[:2000]
    if not reason:
        messages.error(request, _("Give the reason for publishing despite the errors."))
        return redirect(edit_url(instance))
    report = report_for(translation)
    log(
        instance,
        OVERRIDE_ACTION,
        user=request.user,
        data={
            "reason": reason,
            "errors": report.errors_fingerprint(),
            "findings": [f"{finding.code}: {finding.params}" for finding in report.errors],
        },
    )
    messages.success(request, _("The errors are overridden: the translation may now be published."))
    return redirect(edit_url(instance))
