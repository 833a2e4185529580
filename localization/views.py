"""The translation status report in the admin (Reports menu) and its dashboard panel; the
submit-translation view that sends a subtree to a background task, and that task's progress."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from localization import job_actions, permissions, report_actions, status
from localization.models import SubtreeTranslationJob
from localization.tasks import start_subtree_translation


def status_rows(section=None, state=None, language=None, has_errors=False):
    rows = status.add_quality_counts(status.page_rows() + status.snippet_rows())
    if section:
        rows = [row for row in rows if row.section_id == section]
    if language:
        rows = [row for row in rows if language in row.statuses]
    if state:
        rows = [
            row
            for row in rows
            if any(
                st == state
                for code, (st, _obj) in row.statuses.items()
                if not language or code == language
            )
        ]
    if has_errors:
        rows = [
            row
            for row in rows
            if any(
                errors
                for code, (errors, _warnings) in row.quality.items()
                if not language or code == language
            )
        ]
    return rows


class TranslationStatusView(TemplateView):
    template_name = "localization/translation_status.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        try:
            section = int(params.get("section", "") or 0) or None
        except ValueError:
            section = None
        state = params.get("status") if params.get("status") in status.STATUS_LABELS else None
        language = params.get("language") if params.get("language") in status.languages() else None
        has_errors = params.get("checks") == "errors"
        context.update(
            rows=report_actions.add_actions(
                self.request.user, status_rows(section, state, language, has_errors)
            ),
            languages=status.languages(),
            statuses=status.STATUS_LABELS,
            sections=Page.objects.filter(depth=3).order_by("locale_id", "path"),
            active={
                "section": section,
                "status": state,
                "language": language,
                "has_errors": has_errors,
            },
            header_title=_("Translation status"),
        )
        return context


class TranslationProgressPanel(Component):
    """Dashboard panel: per language, the share of pages and snippets translated and up to date."""

    name = "translation_progress"
    template_name = "localization/translation_progress_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        rows = status.page_rows() + status.snippet_rows()
        progress = status.progress_by_language(rows)
        return {"progress": [(code, *values) for code, values in progress.items()]}


class SubmitPageTranslationView(permissions.SubmitPageTranslationView):
    """wagtail-localize's "Translate" (with the language checks): the page itself is translated in
    the request; with "Include subtree", the pages below it in a background task."""

    def form_valid(self, form):
        include_subtree = form.cleaned_data["include_subtree"]
        form.cleaned_data["include_subtree"] = False
        with transaction.atomic():
            response = super().form_valid(form)
            if include_subtree:
                job = start_subtree_translation(
                    self.object, form.cleaned_data["locales"], self.request.user
                )
        if include_subtree:
            message = ngettext(
                "The %(count)s page below it is translated in the background.",
                "The %(count)s pages below it are translated in the background.",
                job.total,
            ) % {"count": job.total}
            progress = messages.button(reverse("localization_translation_jobs"), _("Progress"))
            messages.info(self.request, message, buttons=[progress])
        return response


class SubtreeTranslationJobsView(TemplateView):
    """Subtree translations and their progress: everyone's for administrators, else one's own."""

    template_name = "localization/translation_jobs.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(
            ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]
        ):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = SubtreeTranslationJob.objects.select_related("page", "requested_by")
        jobs = jobs.prefetch_related("locales")
        if not self.request.user.is_superuser:
            jobs = jobs.filter(requested_by=self.request.user)
        jobs = list(jobs[:50])
        for job in jobs:
            job.workable = job_actions.is_workable(self.request.user, job)
        context.update(
            jobs=jobs,
            any_active=any(job.is_active for job in jobs),
            header_title=_("Subtree translations"),
        )
        return context
