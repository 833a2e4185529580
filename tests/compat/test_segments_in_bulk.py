"""compat/wagtail_localize_segments.py: a translation source's segments written in bulk are the
rows wagtail-localize's own ``refresh_segments`` writes, for a new, a changed and an older source
(upstream's method, run after ours, finds nothing to add or delete, and the other way round), in
a number of queries that does not grow with the page."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    TemplateSegment,
    TranslationContext,
    TranslationSource,
)

from compat.wagtail_localize_segments import UPSTREAM
from tests.factories import EventPageFactory, OrganisationFactory, base_news_sections

pytestmark = pytest.mark.django_db

KINDS = {
    StringSegment: ("string__data", "attrs"),
    TemplateSegment: ("template__template",),
    RelatedObjectSegment: ("object_id",),
    OverridableSegment: ("data_json",),
}


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def body(paragraphs=2):
    return [
        *(
            block(
                "paragraph",
                f'<p>Paragraph {n} with <a href="https://example.com/{n}">a link</a>.</p>'
                f"<p>And a <b>second</b> sentence, number {n}.</p>",
            )
            for n in range(paragraphs)
        ),
        block("quote", {"quote": "Knowledge is power.", "attribution": "Francis Bacon"}),
        block(
            "call_to_action",
            {
                "heading": "Join the cluster",
                "text": "Become a member.",
                "link_url": "https://example.com/join",
                "link_label": "Join us",
            },
        ),
        block(
            "facts",
            {
                "heading": "In numbers",
                "facts": [
                    block("item", {"label": "Members", "value": "42"}),
                    block("item", {"label": "Founded", "value": "2014"}),
                ],
            },
        ),
        block("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ]


@pytest.fixture
def event():
    """An English event with a rich body and an organiser (a related translatable snippet)."""
    sections = base_news_sections()
    return EventPageFactory(
        parent=sections["en"],
        title="Smart City Summit in Taipei",
        start_date=datetime.date(2023, 3, 28),
        organiser=OrganisationFactory(name="Member company"),
        body=json.dumps(body()),
    )


def rows(source):
    """Every segment of the source with its context, as ids and values."""
    return {
        model.__name__: sorted(
            model.objects.filter(source=source).values_list(
                "id", "context_id", "context__path", "context__field_path", "order", *fields
            )
        )
        for model, fields in KINDS.items()
    }


def tables():
    return TranslationContext.objects.count(), String.objects.count()


def upstream_refresh(source):
    getattr(source, UPSTREAM)()


def test_the_source_has_a_segment_of_every_kind(event):
    source, _created = TranslationSource.get_or_create_from_instance(event)
    assert all(rows(source).values()), {name: len(found) for name, found in rows(source).items()}


def test_upstream_finds_nothing_to_change_in_a_new_source_written_in_bulk(event):
    source, created = TranslationSource.get_or_create_from_instance(event)
    assert created
    written, counts = rows(source), tables()
    upstream_refresh(source)
    assert rows(source) == written
    assert tables() == counts
    assert not TranslationContext.objects.filter(object_id=source.object_id, field_path="").exists()


def test_the_bulk_write_keeps_what_upstream_wrote(event):
    source, _created = TranslationSource.get_or_create_from_instance(event)
    for model in KINDS:
        model.objects.filter(source=source).delete()
    TranslationContext.objects.filter(object_id=source.object_id).delete()
    upstream_refresh(source)
    written, counts = rows(source), tables()
    source.refresh_segments()
    assert rows(source) == written
    assert tables() == counts


def test_a_changed_source_has_the_rows_upstream_would_leave(event):
    source, _created = TranslationSource.get_or_create_from_instance(event)
    before = rows(source)
    changed = body()
    del changed[2]  # the quote goes
    changed[0]["value"] = "<p>Paragraph 0, rewritten.</p>"  # one sentence instead of two
    changed[-2]["value"]["facts"].append(block("item", {"label": "Sectors", "value": "7"}))
    changed.insert(0, changed.pop(2))  # the call to action comes first
    event.body = json.dumps(changed)
    event.save()
    source.update_from_db()
    after = rows(source)
    texts = {row[5] for row in after["StringSegment"]}
    assert "Paragraph 0, rewritten." in texts and "Sectors" in texts
    assert not {"Knowledge is power.", "Francis Bacon"} & texts
    kept = {row[0] for row in before["StringSegment"]} & {row[0] for row in after["StringSegment"]}
    assert kept, "unchanged segments keep their rows"
    counts = tables()
    upstream_refresh(source)
    assert rows(source) == after
    assert tables() == counts


def test_an_older_context_without_a_field_path_gets_upstreams(event):
    source, _created = TranslationSource.get_or_create_from_instance(event)
    expected = dict(
        TranslationContext.objects.filter(object_id=source.object_id).values_list(
            "path", "field_path"
        )
    )
    assert any("." in field_path for field_path in expected.values())
    TranslationContext.objects.filter(object_id=source.object_id).update(field_path="")
    source.refresh_segments()
    found = TranslationContext.objects.filter(object_id=source.object_id)
    assert dict(found.values_list("path", "field_path")) == expected


def queries_for_a_new_source(paragraphs):
    page = EventPageFactory(
        parent=base_news_sections()["en"],
        start_date=datetime.date(2023, 3, 28),
        body=json.dumps(body(paragraphs)),
    )
    with CaptureQueriesContext(connection) as queries:
        TranslationSource.get_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source__object_id=page.translation_key).count()
    return segments, [query["sql"] for query in queries]


def test_a_new_source_takes_the_same_queries_for_a_short_or_a_long_page():
    short_segments, short = queries_for_a_new_source(2)
    long_segments, long = queries_for_a_new_source(20)
    assert (short_segments, long_segments) == (16, 52)
    assert len(long) <= len(short) <= QUERIES_FOR_A_NEW_SOURCE, "\n".join(q[:90] for q in short)


# 20 for the object and the source and reading the page, as upstream; 14 for the segments, in one
# savepoint: a SELECT of the contexts, strings and templates, each with an INSERT of the new ones,
# then a SELECT of each kind of segment with an INSERT of the new ones (a DELETE where the page
# has none of that kind, as upstream does for what the source no longer has).
QUERIES_FOR_A_NEW_SOURCE = 34
