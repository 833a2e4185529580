"""A translation source's segments written in a few queries instead of several per string.

wagtail-localize 1.14's ``TranslationSource.refresh_segments`` gets or creates each segment's
string, context and segment one at a time: a SELECT each and, for a new row, a SAVEPOINT, an
INSERT and a RELEASE, then an UPDATE of each new context's ``field_path``. For a news page that
is about 70 queries, the largest part of a subtree translation's cost per page
(docs/performance.md, issue 17 §4). ``refresh_segments_in_bulk`` writes the same rows with one
SELECT and at most one INSERT per table: strings, templates, contexts (their ``field_path``
set before the insert) and each kind of segment; it deletes the segments the source no longer
has, as upstream does. A unique-key race with another process (a string or context inserted
meanwhile) rolls its savepoint back and runs upstream's method instead, which handles it.

``tests/compat/test_segments_in_bulk.py`` pins it: for a new, a changed and a shortened source it
leaves exactly the rows upstream's method leaves. No upstream issue asks for it yet (to be
proposed with wagtail-localize's own benchmark probe, ``benchmarks/`` "refresh segments").
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

UPSTREAM = "_refresh_segments_one_by_one"


def refresh_segments_in_bulk(source):
    """``TranslationSource.refresh_segments``, the same rows in a constant number of queries."""
    from wagtail_localize.segments.extract import extract_segments

    instance = source.as_instance()
    values = list(extract_segments(instance))
    try:
        with transaction.atomic():
            write_segments(source, instance, values)
    except IntegrityError:
        getattr(source, UPSTREAM)()


def write_segments(source, instance, values):
    from wagtail_localize.models import (
        OverridableSegment,
        RelatedObjectSegment,
        StringSegment,
        TemplateSegment,
    )
    from wagtail_localize.segments import (
        OverridableSegmentValue,
        RelatedObjectSegmentValue,
        TemplateSegmentValue,
    )

    contexts = contexts_by_path(source, instance, {value.path for value in values})
    model_of = {
        TemplateSegmentValue: TemplateSegment,
        RelatedObjectSegmentValue: RelatedObjectSegment,
        OverridableSegmentValue: OverridableSegment,
    }
    kinds = {model: [] for model in (StringSegment, *model_of.values())}
    for value in values:
        kind = next((m for cls, m in model_of.items() if isinstance(value, cls)), StringSegment)
        kinds[kind].append(value)
    strings = strings_by_text(source.locale_id, {v.string.data for v in kinds[StringSegment]})
    templates = templates_by_uuid(kinds[TemplateSegment])
    wanted = {  # each segment as upstream's get_or_create looks it up
        StringSegment: [
            {
                "string_id": strings[value.string.data],
                "attrs": json.dumps(value.attrs, cls=DjangoJSONEncoder),
            }
            for value in kinds[StringSegment]
        ],
        TemplateSegment: [
            {"template_id": templates[template_uuid(value)]} for value in kinds[TemplateSegment]
        ],
        RelatedObjectSegment: [
            {"object_id": translatable_object(value).pk} for value in kinds[RelatedObjectSegment]
        ],
        OverridableSegment: [
            {"data_json": json.dumps(value.data, cls=DjangoJSONEncoder)}
            for value in kinds[OverridableSegment]
        ],
    }
    for model, values_of_kind in kinds.items():
        rows = [
            {"context_id": contexts[value.path].pk, "order": value.order, **fields}
            for value, fields in zip(values_of_kind, wanted[model], strict=True)
        ]
        keep_only(model, source, rows)


def keep_only(model, source, rows):
    """Make the source's segments of ``model`` exactly ``rows``: existing ones are kept, missing
    ones inserted, the others deleted."""
    if not rows:
        model.objects.filter(source=source).delete()
        return
    fields = list(rows[0])
    existing = {}
    for row in model.objects.filter(source=source).values("id", *fields):
        existing.setdefault(tuple(row[name] for name in fields), row["id"])
    kept = set()
    missing = []
    for row in rows:
        key = tuple(row[name] for name in fields)
        if key in existing:
            kept.add(existing[key])
        else:
            missing.append(model(source=source, **row))
    model.objects.bulk_create(missing)
    gone = set(existing.values()) - kept
    if gone:
        model.objects.filter(source=source, id__in=gone).delete()


def strings_by_text(locale_id, texts):
    from wagtail_localize.models import String

    hashes = {String._get_data_hash(text): text for text in texts}
    found = dict(
        String.objects.filter(locale_id=locale_id, data_hash__in=hashes).values_list(
            "data_hash", "id"
        )
    )
    new = [
        String(locale_id=locale_id, data_hash=data_hash, data=text)
        for data_hash, text in hashes.items()
        if data_hash not in found
    ]
    found |= {string.data_hash: string.pk for string in String.objects.bulk_create(new)}
    return {text: found[data_hash] for data_hash, text in hashes.items()}


def template_uuid(value):
    import uuid

    from wagtail_localize.models import Template

    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
    return uuid.uuid5(namespace, value.template)


def templates_by_uuid(values):
    from wagtail_localize.models import Template

    by_uuid = {template_uuid(value): value for value in values}
    if not by_uuid:
        return {}
    found = dict(Template.objects.filter(uuid__in=by_uuid).values_list("uuid", "id"))
    new = [
        Template(
            uuid=key,
            template=value.template,
            template_format=value.format,
            string_count=value.string_count,
        )
        for key, value in by_uuid.items()
        if key not in found
    ]
    return found | {template.uuid: template.pk for template in Template.objects.bulk_create(new)}


def translatable_object(value):
    """A related object's record (a page refers to few: one query each, as upstream)."""
    from wagtail_localize.models import TranslatableObject

    return TranslatableObject.objects.get_or_create(
        content_type=value.content_type, translation_key=value.translation_key
    )[0]


def contexts_by_path(source, instance, paths):
    """The source object's contexts for ``paths``, created with their field path, and an empty
    field path of an older context filled in (upstream's ``get_field_path``)."""
    from wagtail_localize.models import TranslationContext

    found = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.object_id, path__in=paths)
    }
    empty = [context for context in found.values() if not context.field_path]
    for context in empty:
        context.field_path = field_path_of(context, instance)
    TranslationContext.objects.bulk_update(empty, ["field_path"])
    new = []
    for path in paths - found.keys():
        context = TranslationContext(
            object_id=source.object_id, path=path, path_id=TranslationContext._get_path_id(path)
        )
        context.field_path = field_path_of(context, instance)
        new.append(context)
    created = TranslationContext.objects.bulk_create(new)
    return found | {context.path: context for context in created}


def field_path_of(context, instance):
    """Upstream's ``TranslationContext.get_field_path`` without the save it ends with (the rows
    are written together)."""
    context.save = lambda **kwargs: None
    try:
        return context.get_field_path(instance)
    finally:
        del context.save


def write_segments_in_bulk():
    """Install ``refresh_segments_in_bulk`` as ``TranslationSource.refresh_segments`` (once);
    upstream's method stays reachable for the race above."""
    from wagtail_localize.models import TranslationSource

    if hasattr(TranslationSource, UPSTREAM):
        return
    setattr(TranslationSource, UPSTREAM, TranslationSource.refresh_segments)
    TranslationSource.refresh_segments = refresh_segments_in_bulk
