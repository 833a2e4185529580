"""Benchmark: the admin explorer listing of a page with 5,000 children.

Run from the repository root:

    .venv/bin/python bench/admin_explorer.py [--children 5000] [--requests 20]
                                             [--database PATH_OR_URL]

It builds a throwaway SQLite database (or uses the SQLite file or database URL given, and keeps
it) with the site's content and CHILDREN English news pages from ``generate_large_site`` under
the English news section, logs in a superuser with Django's test client and times
GET /admin/pages/<section id>/ (the listing's first page, its last page, and sorted by title):
one untimed request each, then REQUESTS timed ones. It reports the median and slowest answer
and the database queries per request (target: under 1 s).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_site import build_site, django_on, superuser

TARGET_SECONDS = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--database", help="SQLite file or database URL (postgres://...) to build and keep"
    )
    args = parser.parse_args()
    with django_on(args.database):
        build_site(news=args.children, events=0)
        measure(args.requests)


def measure(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from wagtail.models import Locale

    from pages.models import NewsIndexPage

    section = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="en"))
    children = section.get_children().count()
    client = Client()
    client.force_login(superuser())
    url = reverse("wagtailadmin_explore", args=[section.pk])
    last_page = -(-children // 50)
    print(f"Admin explorer of {section.title!r} ({children} children), {requests} requests each:")
    slowest = 0.0
    for label, query in [
        ("first page", ""),
        ("last page", f"?p={last_page}"),
        ("by title", "?ordering=title"),
    ]:
        response = client.get(url + query)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(requests):
            with CaptureQueriesContext(connection) as queries:
                started = time.monotonic()
                response = client.get(url + query)
                timings.append(time.monotonic() - started)
            assert response.status_code == 200, response.status_code
        slowest = max(slowest, max(timings))
        print(
            f"  {label:<11} median {statistics.median(timings) * 1000:6.0f} ms, "
            f"slowest {max(timings) * 1000:6.0f} ms, {len(queries)} queries"
        )
    print(f"  target < {TARGET_SECONDS:.0f} s: {'met' if slowest < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
