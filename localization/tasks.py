"""Translating the pages below a page as a background task (django-tasks, as Wagtail's own tasks).

wagtail-localize's "Translate" with "Include subtree" translates every descendant inside the
request, in one transaction (its job backend runs immediately): a few hundred pages outlast the
proxy's timeout. Here the request translates the page itself and records a
``SubtreeTranslationJob``; the task below translates the descendants with wagtail-localize's own
``TranslationCreator``, a batch of pages per transaction, and records its progress after each.
It checks again, as the person who asked, what the submit view checked: a page they may not read
is skipped with everything below it.
"""

import contextlib

from django.db import transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks_db import DatabaseBackend
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page
from wagtail.tasks import update_reference_index_task
from wagtail_localize.operations import TranslationCreator

from compat import django_tasks as compat_tasks
from localization.models import SubtreeTranslationJob
from localization.permissions import may_submit_translation, user_can_read_source

BATCH_SIZE = 25


def start_subtree_translation(page, locales, user) -> SubtreeTranslationJob:
    """Record a job for the descendants of ``page`` (already translated itself) and enqueue it."""
    job = SubtreeTranslationJob.objects.create(
        page=page, requested_by=user, total=page.get_descendants().count()
    )
    job.locales.set(locales)
    result = translate_subtree.enqueue(job.pk)
    # An immediate backend has run the job already: update the task id alone.
    SubtreeTranslationJob.objects.filter(pk=job.pk).update(task_result_id=result.id)
    job.refresh_from_db()
    return job


@task()
def translate_subtree(job_id: int) -> dict:
    job = SubtreeTranslationJob.objects.select_related("page", "requested_by").get(pk=job_id)
    locales = list(job.locales.all())
    if not may_submit_translation(job.requested_by, job.page.specific, locales):
        record(job, status=SubtreeTranslationJob.Status.REFUSED, finished_at=timezone.now())
        return {"done": 0, "skipped": 0, "total": job.total}
    record(job, status=SubtreeTranslationJob.Status.RUNNING, started_at=timezone.now())
    try:
        translate_descendants(job, locales)
    except Exception as error:
        record(
            job,
            status=SubtreeTranslationJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    record(job, status=SubtreeTranslationJob.Status.DONE, finished_at=timezone.now())
    return {"done": job.done, "skipped": job.skipped, "total": job.total}


def record(job, **fields):
    """Save progress at once (outside the batches' transactions) so the admin sees it."""
    for name, value in fields.items():
        setattr(job, name, value)
    SubtreeTranslationJob.objects.filter(pk=job.pk).update(**fields)


def translate_descendants(job, locales):
    user = job.requested_by
    descendants = list(job.page.get_descendants().order_by("path").values_list("pk", flat=True))
    record(job, total=len(descendants), done=0, skipped=0)
    translator = TranslationCreator(user, locales)
    unreadable = []  # paths of skipped pages: everything below them is skipped too
    for start in range(0, len(descendants), BATCH_SIZE):
        batch = Page.objects.filter(pk__in=descendants[start : start + BATCH_SIZE])
        done, skipped = job.done, job.skipped
        with transaction.atomic(), index_updates_queued_once():
            # Tree order: a page's parent is translated before it (or skipped with it).
            for page in batch.order_by("path").specific():
                if page.path.startswith(tuple(unreadable)):
                    skipped += 1
                elif not user_can_read_source(user, page):
                    unreadable.append(page.path)
                    skipped += 1
                else:
                    translator.create_translations(page)
                    done += 1
        record(job, done=done, skipped=skipped)


INDEX_TASKS = {insert_or_update_object_task.module_path, update_reference_index_task.module_path}


@contextlib.contextmanager
def index_updates_queued_once():
    """Inside a transaction: queue the search and reference-index update of an object once,
    however often it is saved (a translated page is saved four times, each save queueing both).

    With the database backend a worker sees the queued task only once the transaction is
    committed, and the task reads the object then: the first one does what the later ones
    would. Other backends (the immediate one runs each task as it is queued) are left alone.
    Only this thread's backend is wrapped (django-tasks keeps one per thread)."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        yield
        return
    queued = {}

    def enqueue(task, args, kwargs):
        if task.module_path not in INDEX_TASKS:
            return compat_tasks.original_enqueue(backend, task, args, kwargs)
        key = (task.module_path, *args, *sorted(kwargs.items()))  # args: model and key
        if key not in queued:
            queued[key] = compat_tasks.original_enqueue(backend, task, args, kwargs)
        return queued[key]

    with compat_tasks.enqueue_replaced(backend, enqueue):
        yield
