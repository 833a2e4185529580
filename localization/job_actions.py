"""What a translator does with a whole finished subtree translation job, from the jobs page
(localization/views.py): apply every 100% translation-memory match to the job's translations
(localization/memory.py), and exchange them all as one XLIFF file (localization/xliff.py).

A job's translations are those of its page and the pages below it into the job's languages;
of them a user works only on those into a language they may translate into, of pages they may
edit and that are not locked for them (a translation awaiting review).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation

from localization import memory
from localization.models import SubtreeTranslationJob
from localization.permissions import may_work_in, user_can_edit
from localization.review import lock_reason


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
