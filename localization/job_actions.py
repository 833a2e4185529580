"""What a translator does with a whole finished subtree translation job, from the jobs page
(localization/views.py): apply every 100% translation-memory match to the job's translations
(localization/memory.py), and exchange them all as one XLIFF file (localization/xliff.py).

A job's translations are those of its page and the pages below it into the job's languages;
of them a user works only on those into a language they may translate into, of pages they may
edit and that are not locked for them (a translation awaiting review).
"""

import base64
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation

from localization import memory, xliff
from localization.models import SubtreeTranslationJob
from localization.permissions import may_work_in, user_can_edit
from localization.po_upload import BadUpload, NeedsConfirmation, import_checked, read_upload
from localization.review import lock_reason

JOB_PROP_TYPE = "subtree-translation-job"
"""The property in each <file> of a job's XLIFF file that names the job."""
JOB_SESSION_KEY = "localization_pending_job_xliff_upload"


def visible_jobs(user):
    """The jobs the jobs page lists to ``user``: everyone's for administrators, else their own."""
    jobs = SubtreeTranslationJob.objects.select_related("page")
    return jobs if user.is_superuser else jobs.filter(requested_by=user)


def finished_job(user, job_id) -> SubtreeTranslationJob:
    """The user's finished job, in languages of which they may translate into at least one."""
    if not user.has_perms(["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]):
        raise PermissionDenied
    job = get_object_or_404(visible_jobs(user), pk=job_id)
    if not is_workable(user, job):
        raise PermissionDenied
    return job


def is_workable(user, job) -> bool:
    """Whether the jobs page offers the job's actions to ``user``: finished, in a language the
    user may translate into."""
    return job.status == SubtreeTranslationJob.Status.DONE and bool(workable_locales(user, job))


def workable_locales(user, job) -> list:
    return [locale for locale in job.locales.all() if may_work_in(user, locale.language_code)]


def job_translations(user, job) -> tuple[list, int]:
    """(the job's translations ``user`` may work on, in tree order, with their target page as
    ``target_page``; how many others were left out because their page is locked for the user
    or not theirs to edit). A fixed number of queries, and Wagtail's lock check per page."""
    locales = workable_locales(user, job)
    pages = Page.objects.descendant_of(job.page, inclusive=True)
    keys = list(pages.order_by("path").values_list("translation_key", flat=True))
    order = {key: position for position, key in enumerate(keys)}
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales)
        .select_related("locale")
        .specific(defer=True)
    }
    translations = Translation.objects.filter(
        source__object_id__in=keys,
        source__locale_id=job.page.locale_id,
        target_locale__in=locales,
        enabled=True,
    ).select_related("source", "source__locale", "target_locale")
    workable, left_out = [], 0
    for translation in translations:
        page = targets.get((translation.source.object_id, translation.target_locale_id))
        if page is None:
            continue  # not created (its page was skipped)
        if not user_can_edit(user, page) or lock_reason(user, page):
            left_out += 1
            continue
        translation.target_page = page
        workable.append(translation)
    workable.sort(key=lambda t: (order[t.source.object_id], t.target_locale.language_code))
    return workable, left_out


@require_POST
def apply_memory_to_job(request, job_id):
    """Pre-fill every 100% match in every translation of the job, marked until confirmed."""
    job = finished_job(request.user, job_id)
    translations, left_out = job_translations(request.user, job)
    prefilled = memory.prefill_exact_matches(translations, user=request.user)
    if prefilled.segments:
        pages = ngettext("%(count)d page", "%(count)d pages", prefilled.translations) % {
            "count": prefilled.translations
        }
        messages.success(
            request,
            ngettext(
                "%(count)d segment on %(pages)s was pre-filled from translation memory; confirm "
                "it in the editor.",
                "%(count)d segments on %(pages)s were pre-filled from translation memory; "
                "confirm them in the editor.",
                prefilled.segments,
            )
            % {"count": prefilled.segments, "pages": pages},
        )
    else:
        messages.info(request, _("No segment without translation has a 100% match."))
    if left_out:
        messages.warning(
            request,
            ngettext(
                "%(count)d page was left out: it is locked (awaiting review) or not yours to edit.",
                "%(count)d pages were left out: they are locked (awaiting review) or not yours "
                "to edit.",
                left_out,
            )
            % {"count": left_out},
        )
    return redirect(reverse("localization_translation_jobs"))


def download_job_xliff(request, job_id):
    """One XLIFF 1.2 file of the job's translations the user may work on, one <file> each."""
    job = finished_job(request.user, job_id)
    translations, _left_out = job_translations(request.user, job)
    data = xliff.export_xliff_files(translations, {JOB_PROP_TYPE: str(job.pk)})
    response = HttpResponse(data, content_type="application/x-xliff+xml")
    name = slugify(job.page.title)[:60] or "subtree"
    response["Content-Disposition"] = f'attachment; filename="{name}-{job.pk}.xlf"'
    return response


class JobNeedsConfirmation(Exception):
    """Importing the job's file would replace the listed translations; nothing was written."""

    def __init__(self, pending):
        super().__init__(f"{len(pending)} translation(s) need confirmation")
        self.pending = pending  # (translation, NeedsConfirmation)


def read_job_file(data, job, translations) -> list:
    """(translation, the PO file its import is) for each <file> of the job's XLIFF file, every
    one checked as a single translation's file is (localization/xliff.py); raises ``BadUpload``
    for a file of another job, or of a translation the user may not change."""
    files = xliff.parse_xliff(data).findall(xliff.q("file"))
    if not files:
        raise BadUpload(_("This is not an XLIFF 1.2 file. Nothing was imported."))
    by_uuid = {str(translation.uuid): translation for translation in translations}
    read = []
    for file_element in files:
        properties = xliff.file_properties(file_element)
        if properties.get(JOB_PROP_TYPE) != str(job.pk):
            raise BadUpload(
                _("This XLIFF file is not this subtree translation's file. Nothing was imported.")
            )
        translation = by_uuid.pop(properties.get("translation-id"), None)
        if translation is None:
            raise BadUpload(
                _(
                    "The XLIFF file holds a translation that is not in this subtree translation "
                    "or that you may not change now (it awaits review). Nothing was imported."
                )
            )
        try:
            read.append((translation, xliff.read_file_element(file_element, translation)))
        except BadUpload as error:
            title = translation.target_page.get_admin_display_title()
            raise BadUpload(f"{title}: {error}") from None
    return read


def import_job_file(files, user, approvals) -> int:
    """Import every translation's part, all or nothing: a part that would replace newer or
    truncate current work (``import_checked``) without its approval in ``approvals``
    (translation id -> fingerprint) undoes the rest and raises ``JobNeedsConfirmation``.
    Returns how many translations made in the editor were replaced."""
    replaced, pending = 0, []
    with transaction.atomic():
        for translation, po in files:
            try:
                replaced += import_checked(
                    po,
                    translation,
                    user=user,
                    approved=approvals.get(translation.pk),
                    tool_name=xliff.XLIFF_TOOL_NAME,
                )
            except NeedsConfirmation as question:
                pending.append((translation, question))
        if pending:
            raise JobNeedsConfirmation(pending)
    return replaced


@require_POST
def upload_job_xliff(request, job_id):
    """Upload of the job's XLIFF file, and its confirmation step, as for one translation's."""
    job = finished_job(request.user, job_id)
    translations, _left_out = job_translations(request.user, job)
    back = reverse("localization_translation_jobs")
    approvals = {}
    try:
        if "confirm" in request.POST:
            data = pending_job_upload(request, job)
            if "cancel" in request.POST:
                request.session.pop(JOB_SESSION_KEY, None)
                messages.info(request, str(xliff.XLIFF_FORMAT.cancelled))
                return redirect(back)
            approvals = {t.pk: request.POST.get(f"fingerprint-{t.pk}", "") for t in translations}
        else:
            data = read_upload(request.FILES.get("file"), xliff.XLIFF_FORMAT)
        replaced = import_job_file(read_job_file(data, job, translations), request.user, approvals)
    except BadUpload as error:
        messages.error(request, str(error))
        return redirect(back)
    except JobNeedsConfirmation as question:
        return ask_before_replacing(request, job, data, question)
    request.session.pop(JOB_SESSION_KEY, None)
    messages.success(request, str(xliff.XLIFF_FORMAT.imported))
    if replaced:
        messages.warning(request, xliff.XLIFF_FORMAT.replaced_editor_work % {"count": replaced})
    return redirect(back)


def pending_job_upload(request, job) -> bytes:
    pending = request.session.get(JOB_SESSION_KEY) or {}
    if pending.get("job") != job.pk or not constant_time_compare(
        pending.get("token", ""), request.POST.get("confirm", "")
    ):
        raise BadUpload(str(xliff.XLIFF_FORMAT.no_longer_waiting))
    return base64.b64decode(pending["data"])


def ask_before_replacing(request, job, data, question):
    """List, page by page, what the upload would replace; keep the file for the confirmation,
    which checks it all again."""
    token = secrets.token_urlsafe(24)
    request.session[JOB_SESSION_KEY] = {
        "job": job.pk,
        "token": token,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return TemplateResponse(
        request,
        "localization/job_xliff_confirm.html",
        {
            "job": job,
            "pending": [
                (translation.target_page, question) for translation, question in question.pending
            ],
            "fingerprints": [
                (translation.pk, question.fingerprint) for translation, question in question.pending
            ],
            "count": sum(len(question.replacements) for _t, question in question.pending),
            "token": token,
            "action_url": reverse("localization_upload_job_xliff", args=[job.pk]),
        },
    )
