"""Translation memory over wagtail-localize's own rows: every published ``StringTranslation``.

For a segment without a translation it offers exact matches (the same ``String``: same source
text) and fuzzy ones (rapidfuzz token-set ratio >= 75 on normalised text), each with a word diff
of the two sources; when the segment's source changed since the last sync, the old source and
its translation from the same field. Exact matches can be applied in bulk: such rows carry
``tool_name = MEMORY_TOOL_NAME`` (wagtail-localize's own field, shown in the editor as
"Translated with …") until a translator saves them in the editor, which resets ``tool_name``.

Speed: the lookup for a page takes a fixed number of queries; fuzzy candidates come from an
in-process word index of the memory's source texts (rebuilt when the memory changes), scored
with rapidfuzz, so a page of 200 segments against 50,000 pairs answers in well under 300 ms
(bench/translation_memory.py). A fuzzy match must share at least one of its less common words
with the segment.
"""

import difflib
import html
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef
from rapidfuzz import fuzz, process, utils
from wagtail.models import Page
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationLog

MEMORY_TOOL_NAME = "Translation memory"
"""``StringTranslation.tool_name`` of a pre-filled, unconfirmed translation."""
FUZZY_THRESHOLD = 75
MAX_MATCHES = 3
CANDIDATES_SCORED = 50
SHARED_WORDS = 0.3
"""A fuzzy candidate shares at least this share of the segment's less common words."""
COMMON_WORD_SHARE = 0.05
"""A word in more than this share of the memory's texts is too common to find candidates by."""

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+|[^\w\s]+|\s+")


def plain_text(text: str) -> str:
    """A segment's text without its inline markup (``<a id="a1">``, ``<b>``) and entities."""
    return html.unescape(TAG.sub(" ", text))


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, runs of spaces as one (rapidfuzz's default_process)."""
    return " ".join(utils.default_process(plain_text(text)).split())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(``equal``/``delete``/``insert``, text) pieces turning ``old`` into ``new``, by words."""
    old_words, new_words = WORD.findall(plain_text(old)), WORD.findall(plain_text(new))
    pieces = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("equal", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("delete", "".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("insert", "".join(new_words[b1:b2])))
    return pieces


def published_memory(target_locale_id):
    """Confirmed translations into the locale, published since they were last changed: the
    page (live) was published after, or a snippet saved from them (its ``TranslationLog``)."""
    published_page = Page.objects.filter(
        translation_key=OuterRef("context__object_id"),
        locale_id=OuterRef("locale_id"),
        live=True,
        last_published_at__gte=OuterRef("updated_at"),
    )
    saved_snippet = TranslationLog.objects.filter(
        source__object_id=OuterRef("context__object_id"),
        locale_id=OuterRef("locale_id"),
        revision__isnull=True,
        created_at__gte=OuterRef("updated_at"),
    )
    return (
        StringTranslation.objects.filter(
            locale_id=target_locale_id,
            has_error=False,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        .exclude(tool_name=MEMORY_TOOL_NAME)
        .filter(Exists(published_page) | Exists(saved_snippet))
    )


class MemoryIndex:
    """The memory's source texts of one language pair, indexed by word for fuzzy lookups."""

    def __init__(self, rows):
        self.string_ids, self.texts = [], []
        postings = defaultdict(list)
        for string_id, data in rows:
            text = normalise(data)
            if not text:
                continue
            position = len(self.string_ids)
            self.string_ids.append(string_id)
            self.texts.append(text)
            for word in set(text.split()):
                postings[word].append(position)
        self.postings = dict(postings)
        self.common = max(50, int(len(self.texts) * COMMON_WORD_SHARE))

    def __len__(self):
        return len(self.texts)

    def fuzzy(self, data: str, exclude=None) -> list[tuple[int, float]]:
        """(string id, similarity) of the best fuzzy matches of ``data``, best first."""
        text = normalise(data)
        words = [word for word in set(text.split()) if word in self.postings]
        rare = [word for word in words if len(self.postings[word]) <= self.common] or words
        if not rare:
            return []
        counts = Counter()
        for word in rare:
            counts.update(self.postings[word])
        needed = max(1, math.ceil(SHARED_WORDS * len(rare)))
        positions = [pos for pos, shared in counts.most_common(CANDIDATES_SCORED * 4)]
        positions = [pos for pos in positions if counts[pos] >= needed][:CANDIDATES_SCORED]
        length = len(text.split())
        choices = {
            pos: self.texts[pos]
            for pos in positions
            if self.string_ids[pos] != exclude
            and 2 * min(length, len(self.texts[pos].split()))
            >= max(length, len(self.texts[pos].split()))
        }
        found = process.extract(
            text,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=FUZZY_THRESHOLD,
            limit=MAX_MATCHES,
        )
        return [(self.string_ids[pos], score) for _text, score, pos in found]


_indexes: dict = {}
_indexes_lock = threading.Lock()


def memory_stamp(target_locale_id):
    """What changes whenever the memory of a target language may have changed (3 queries)."""
    rows = StringTranslation.objects.filter(locale_id=target_locale_id).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    published = Page.objects.filter(locale_id=target_locale_id).aggregate(
        last=Max("last_published_at")
    )
    logged = TranslationLog.objects.filter(locale_id=target_locale_id).aggregate(
        last=Max("created_at")
    )
    return rows["count"], rows["last"], published["last"], logged["last"]


def memory_index(source_locale_id, target_locale_id) -> MemoryIndex:
    """The index of the pair, rebuilt (one more query) when the memory changed."""
    key = (source_locale_id, target_locale_id)
    stamp = memory_stamp(target_locale_id)
    cached = _indexes.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    memory = published_memory(target_locale_id).filter(translation_of=OuterRef("pk"))
    rows = String.objects.filter(locale_id=source_locale_id).filter(Exists(memory))
    index = MemoryIndex(rows.values_list("pk", "data").iterator(chunk_size=5000))
    with _indexes_lock:
        _indexes[key] = (stamp, index)
    return index


@dataclass
class Match:
    source: str
    translation: str
    similarity: int
    diff: list = field(default_factory=list)

    @property
    def exact(self):
        return self.similarity == 100


@dataclass
class PreviousVersion:
    """The same field's translation of its source before the last sync changed it."""

    old_source: str
    translation: str
    diff: list


@dataclass
class Suggestions:
    segment: StringSegment
    matches: list = field(default_factory=list)
    previous: PreviousVersion | None = None

    @property
    def exact_match(self):
        return next((match for match in self.matches if match.exact), None)


def open_segments(translation):
    """The translation's string segments without a translation, in the editor's order
    (2 queries)."""
    segments = StringSegment.objects.filter(source=translation.source)
    segments = list(segments.select_related("string").order_by("order"))
    translated = set(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=translation.source.object_id,
        ).values_list("translation_of_id", "context_id")
    )
    return segments, [s for s in segments if (s.string_id, s.context_id) not in translated]


def suggestions(translation, *, fuzzy=True) -> list[Suggestions]:
    """Per segment without translation, its matches and its previous version, if any: a fixed
    number of queries whatever the number of segments."""
    source_locale_id = translation.source.locale_id
    target_locale_id = translation.target_locale_id
    segments, untranslated = open_segments(translation)
    if not untranslated:
        return []
    fuzzy_found = {}
    if fuzzy:
        index = memory_index(source_locale_id, target_locale_id)
        for segment in untranslated:
            fuzzy_found[segment.pk] = index.fuzzy(segment.string.data, exclude=segment.string_id)
    wanted = {segment.string_id for segment in untranslated}
    wanted |= {string_id for found in fuzzy_found.values() for string_id, _score in found}
    memory = (
        published_memory(target_locale_id)
        .filter(translation_of_id__in=wanted)
        .select_related("translation_of")
        .order_by("-updated_at")
    )
    translations_of = defaultdict(list)
    for row in memory:
        if row.data not in translations_of[row.translation_of_id]:
            translations_of[row.translation_of_id].append(row.data)
    sources = {row.translation_of_id: row.translation_of.data for row in memory}
    previous = previous_versions(translation, segments, untranslated)
    result = []
    for segment in untranslated:
        found = Suggestions(segment, previous=previous.get(segment.pk))
        for data in translations_of.get(segment.string_id, [])[:MAX_MATCHES]:
            found.matches.append(Match(segment.string.data, data, 100))
        for string_id, score in fuzzy_found.get(segment.pk, []):
            for data in translations_of.get(string_id, [])[:1]:
                similarity = min(99, round(score))
                diff = word_diff(sources[string_id], segment.string.data)
                found.matches.append(Match(sources[string_id], data, similarity, diff))
        found.matches = found.matches[:MAX_MATCHES]
        if found.matches or found.previous:
            result.append(found)
    return result


def previous_versions(translation, segments, untranslated) -> dict:
    """segment id -> the translation its field had for an older source (1 query): among the
    field's translations of strings that are no longer its segments, the most similar."""
    current = {(segment.string_id, segment.context_id) for segment in segments}
    older = defaultdict(list)
    rows = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context_id__in={segment.context_id for segment in untranslated},
        has_error=False,
    ).select_related("translation_of")
    for row in rows.order_by("-updated_at"):
        if (row.translation_of_id, row.context_id) not in current:
            older[row.context_id].append(row)
    found = {}
    for segment in untranslated:
        candidates = older.get(segment.context_id)
        if not candidates:
            continue
        new_text = normalise(segment.string.data)
        best = max(
            candidates,
            key=lambda row: fuzz.ratio(normalise(row.translation_of.data), new_text),
        )
        found[segment.pk] = PreviousVersion(
            best.translation_of.data,
            best.data,
            word_diff(best.translation_of.data, segment.string.data),
        )
    return found


def apply_exact_matches(translations, user=None) -> int:
    """Pre-fill every segment without translation that has a 100% match (its most recent
    translation), marked as from memory; returns how many. Never replaces a translation."""
    created = []
    for translation in translations:
        for found in suggestions(translation, fuzzy=False):
            match = found.exact_match
            if match is None:
                continue
            created.append(
                StringTranslation(
                    translation_of_id=found.segment.string_id,
                    context_id=found.segment.context_id,
                    locale_id=translation.target_locale_id,
                    data=match.translation,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    tool_name=MEMORY_TOOL_NAME,
                    last_translated_by=user,
                )
            )
    with transaction.atomic():
        StringTranslation.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)


def unconfirmed_prefilled(translation):
    """The translation's rows pre-filled from memory and not yet confirmed by a translator."""
    return StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        tool_name=MEMORY_TOOL_NAME,
    )


def unconfirmed_prefilled_counts() -> dict:
    """(translation key, language code) -> unconfirmed pre-filled segments (1 query)."""
    rows = (
        StringTranslation.objects.filter(tool_name=MEMORY_TOOL_NAME)
        .values("context__object_id", "locale__language_code")
        .annotate(count=Count("pk"))
    )
    return {(row["context__object_id"], row["locale__language_code"]): row["count"] for row in rows}
