"""Benchmark: translate a 1,000-page subtree into the other language through the background task.

Run from the repository root:

    .venv/bin/python bench/translate_subtree.py [--pages 1000] [--database PATH_OR_URL]

It builds a throwaway SQLite database (or uses the SQLite file or database URL given, and keeps
it) with the site's content and PAGES English news pages from ``generate_large_site``. It then
removes the Bulgarian news section, posts the admin's "Translate" form for the English one with
"Include subtree" as a superuser (Django's test client), runs django-tasks-db's worker for the
queued task and reports the request's time, the seconds in all and pages per second (target:
under 60 s for 1,000 pages). Last, how long the worker then takes for the search and
reference-index updates that the new translations queued. Use a fresh database each time.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_site import build_site, django_on, log, run_worker, superuser

TARGET_SECONDS = 60


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument(
        "--database", help="SQLite file or database URL (postgres://...) to build and keep"
    )
    args = parser.parse_args()
    with django_on(args.database):
        build_site(news=args.pages, events=0)
        report(translate_news_section())


def translate_news_section():
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Locale

    from localization.models import SubtreeTranslationJob
    from pages.models import NewsIndexPage

    en, bg = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="bg")
    section = NewsIndexPage.objects.get(locale=en)
    # The admin offers only languages the page is not yet in: remove the Bulgarian section
    # (and the few translations below it) so that the whole subtree is submitted.
    if (translated_section := section.get_translation_or_none(bg)) is not None:
        translated_section.delete()
    client = Client()
    client.force_login(superuser())
    url = reverse("wagtail_localize:submit_page_translation", args=[section.pk])
    started, cpu_started = time.monotonic(), time.process_time()
    response = client.post(url, {"locales": [bg.pk], "include_subtree": "on"})
    request_seconds = time.monotonic() - started
    assert response.status_code == 302, response.status_code
    job = SubtreeTranslationJob.objects.get(page=section)
    log(f"job {job.pk}: {job.total} pages below {section.title!r} queued, running the worker")
    while job.is_active:  # the tasks queued before it (the section's index updates) run first
        run_worker(max_tasks=1)
        job.refresh_from_db()
    seconds, cpu_seconds = time.monotonic() - started, time.process_time() - cpu_started
    follow_up_seconds, follow_up_tasks = run_worker()
    return job, request_seconds, seconds, cpu_seconds, follow_up_seconds, follow_up_tasks


def report(result):
    job, request_seconds, seconds, cpu_seconds, follow_up_seconds, follow_up_tasks = result
    task_seconds = (job.finished_at - job.started_at).total_seconds()
    met = "met" if seconds < TARGET_SECONDS else "MISSED"
    print(f"Subtree translation EN -> BG through the admin and the task ({job.status}):")
    print(f"  pages translated  {job.done} of {job.total} ({job.skipped} skipped)")
    print(f"  admin request     {request_seconds * 1000:.0f} ms (the section itself, job queued)")
    print(f"  seconds           {seconds:.1f} in all (the task itself {task_seconds:.1f})")
    print(f"  CPU seconds       {cpu_seconds:.1f} (load average now {os.getloadavg()[0]:.1f})")
    print(f"  pages/s           {job.done / seconds:.1f}")
    print(f"  target            < {TARGET_SECONDS} s for 1,000 pages: {met}")
    print(f"  index updates     {follow_up_tasks} queued task(s), {follow_up_seconds:.1f} s after")
    if job.status != "done":
        sys.exit(f"the job ended {job.status}: {job.error}")


if __name__ == "__main__":
    main()
