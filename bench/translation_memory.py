"""Benchmark: translation memory lookup for a page of 200 segments against 50,000 pairs.

Run from the repository root:

    .venv/bin/python bench/translation_memory.py [--pairs 50000] [--segments 200]
                                                 [--runs 10] [--database PATH_OR_URL]
                                                 [--postgres PREFIX]

It builds a throwaway SQLite database (or uses the database URL given; with ``--postgres``, a
new PostgreSQL database ``<PREFIX>_<random>`` on 127.0.0.1, dropped at the end), writes PAIRS
English -> Bulgarian string translations published through snippets' translation logs (the
memory, synthetic sentences of 6-25 words), and a page source of SEGMENTS segments: a quarter
copied from memory (exact matches), half with one or two words changed (fuzzy), a quarter new.
It times ``localization.memory.suggestions`` with the index built in the background (as in
production): the first lookup (exact matches from SQL, the index not built yet), the background
build, RUNS warm lookups, and one right after a publication (the previous index answers while
the new one is built); it counts the queries (target: under 300 ms warm).
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_site import django_on, log

TARGET_MS = 300
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]


def sentences(count, rng):
    """``count`` distinct sentences over a Zipf-like vocabulary of 4,000 words."""
    letters = "abcdefghijklmnoprstuvwyz"
    vocabulary = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(2, 11))) for _ in range(4500)}
    )[:4000]
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
    found = set()
    while len(found) < count:
        words = rng.choices(vocabulary, weights, k=rng.randint(6, 25))
        found.add(" ".join(words).capitalize() + ".")
    return sorted(found), vocabulary


def build_memory(pairs, segments, rng):
    """The memory (snippet sources saved into Bulgarian) and the page source to look up."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail_localize.models import (
        String,
        StringSegment,
        StringTranslation,
        TranslatableObject,
        Translation,
        TranslationContext,
        TranslationLog,
        TranslationSource,
    )
    from wagtail_localize.strings import StringValue

    from snippets.models import Organisation

    call_command("migrate", verbosity=0)
    en, _ = Locale.objects.get_or_create(language_code="en")
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    content_type = ContentType.objects.get_for_model(Organisation)
    texts, vocabulary = sentences(pairs, rng)
    started = time.monotonic()
    now = timezone.now()
    per_object = 100
    objects = TranslatableObject.objects.bulk_create(
        TranslatableObject(translation_key=uuid.uuid4(), content_type=content_type)
        for _ in range(pairs // per_object + 1)
    )
    sources = TranslationSource.objects.bulk_create(
        TranslationSource(
            object=obj,
            specific_content_type=content_type,
            locale=en,
            object_repr=f"Memory {n}",
            content_json="{}",
            last_updated_at=now,
        )
        for n, obj in enumerate(objects)
    )
    strings = String.objects.bulk_create(
        (String(locale=en, data=text, data_hash=String._get_data_hash(text)) for text in texts),
        batch_size=5000,
    )
    contexts = TranslationContext.objects.bulk_create(
        (
            TranslationContext(
                object=objects[n // per_object],
                path=f"field{n}",
                path_id=TranslationContext._get_path_id(f"field{n}"),
                field_path=f"field{n}",
            )
            for n in range(pairs)
        ),
        batch_size=5000,
    )
    StringTranslation.objects.bulk_create(
        (
            StringTranslation(
                translation_of=string,
                context=context,
                locale=bg,
                data=f"БГ {string.data}",
                translation_type="manual",
            )
            for string, context in zip(strings, contexts, strict=True)
        ),
        batch_size=5000,
    )
    TranslationLog.objects.bulk_create(TranslationLog(source=s, locale=bg) for s in sources)
    log(f"memory of {pairs} pairs written ({time.monotonic() - started:.1f} s)")

    page_texts = []
    for n in range(segments):
        original = texts[rng.randrange(len(texts))]
        if n % 4 == 0:
            page_texts.append(original)
        elif n % 4 == 3:
            page_texts.append(sentences(1, random.Random(n))[0][0] + f" {n}")
        else:
            words = original.rstrip(".").split()
            for _ in range(1 + n % 2):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            page_texts.append(" ".join(words) + ".")
    page = TranslatableObject.objects.create(
        translation_key=uuid.uuid4(), content_type=content_type
    )
    source = TranslationSource.objects.create(
        object=page,
        specific_content_type=content_type,
        locale=en,
        object_repr="The page",
        content_json="{}",
        last_updated_at=now,
    )
    for n, text in enumerate(page_texts):
        string = String.from_value(en, StringValue(text))
        context, _ = TranslationContext.objects.get_or_create(object=page, path=f"body.{n}")
        StringSegment.objects.create(source=source, string=string, context=context, order=n)
    translation = Translation.objects.create(source=source, target_locale=bg)
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: without statistics PostgreSQL's planner takes
        # the 50,000 rows of a language for 70 and scans them all for a page's 200 strings.
        cursor.execute("ANALYZE")
    return translation


def timed(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = function()
    elapsed = (time.perf_counter() - started) * 1000
    return result, elapsed, len(queries), sum(float(q["time"]) for q in queries) * 1000


def counts(found):
    exact = sum(1 for item in found if item.exact_match)
    fuzzy = sum(1 for item in found if item.matches and not item.exact_match)
    return exact, fuzzy


def measure(translation, runs):
    from django.db import connection
    from django.test.utils import override_settings
    from wagtail_localize.models import TranslationLog

    from localization import memory

    key = (translation.source.locale_id, translation.target_locale_id)
    memory._indexes.clear()
    with override_settings(SKC_MEMORY_INDEX_IN_BACKGROUND=True):
        found, cold, cold_queries, _sql = timed(lambda: memory.suggestions(translation))
        started = time.perf_counter()
        memory._rebuilds[key].join()
        build = (time.perf_counter() - started) * 1000 + cold
        cold_exact, cold_fuzzy = counts(found)
        warm, sql = [], []
        for _ in range(runs):
            found, elapsed, warm_queries, spent = timed(lambda: memory.suggestions(translation))
            warm.append(elapsed)
            sql.append(spent)
        exact, fuzzy = counts(found)
        # A publication into Bulgarian (here: a snippet saved from its translation) changes the
        # memory's stamp: the next lookup answers from the previous index during the rebuild.
        TranslationLog.objects.create(source=translation.source, locale_id=key[1])
        found, stale, _queries, _sql = timed(lambda: memory.suggestions(translation))
        stale_exact, stale_fuzzy = counts(found)
        memory._rebuilds[key].join()
    index = memory.memory_index(*key)
    print(
        f"Translation memory: {len(index)} source texts, page of "
        f"{translation.source.stringsegment_set.count()} segments ({connection.vendor})"
    )
    print(
        f"  first lookup (no index yet; built in the background): {cold:.0f} ms, "
        f"{cold_queries} queries, {cold_exact} exact / {cold_fuzzy} fuzzy"
    )
    print(f"  background build of the index: {build:.0f} ms")
    print(f"  segments with a 100% match: {exact}; with a fuzzy match only: {fuzzy}")
    print(
        f"  warm: median {statistics.median(warm):.0f} ms, slowest {max(warm):.0f} ms, "
        f"{warm_queries} queries (target < {TARGET_MS} ms)"
    )
    print(f"  of which SQL: median {statistics.median(sql):.0f} ms")
    print(
        f"  right after a publication (previous index answers while rebuilt): {stale:.0f} ms, "
        f"{stale_exact} exact / {stale_fuzzy} fuzzy"
    )
    print("  load average during the run: " + ", ".join(f"{v:.1f}" for v in os.getloadavg()))
    return statistics.median(warm) < TARGET_MS


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=50000)
    parser.add_argument("--segments", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database", help="SQLite file or database URL to build and keep")
    parser.add_argument("--postgres", metavar="PREFIX", help="a throwaway PostgreSQL database")
    args = parser.parse_args()
    database, name = args.database, None
    if args.postgres:
        name = f"{args.postgres}_{uuid.uuid4().hex[:8]}"
        subprocess.run([*PSQL, f"CREATE DATABASE {name}"], check=True)
        database = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        with django_on(database):
            translation = build_memory(args.pairs, args.segments, random.Random(17))
            ok = measure(translation, args.runs)
            from django.db import connections

            connections.close_all()
    finally:
        if name:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
