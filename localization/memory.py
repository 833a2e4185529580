"""Translation memory over wagtail-localize's own rows: every published ``StringTranslation``.

For a segment without a translation it offers exact matches (the same ``String``: same source
text) and fuzzy ones (rapidfuzz token-set ratio >= 75 on normalised text), each with a word diff
of the two sources; when the segment's source changed since the last sync, the old source and
its translation from the same field. Exact matches can be applied in bulk: such rows carry
``tool_name = MEMORY_TOOL_NAME`` (wagtail-localize's own field, shown in the editor as
"Translated with …") until a translator saves them in the editor, which resets ``tool_name``.

Speed: the lookup for a page takes a fixed number of queries. Exact matches are read from SQL
(always current); fuzzy candidates come from an in-process word index of the memory's source
texts, scored with rapidfuzz, so a page of 200 segments against 50,000 pairs answers in well
under 300 ms (bench/translation_memory.py). A fuzzy match must share two of the segment's six
rarest words (one, for a segment with only two known words).

The index is never built in a translator's request: every process compares its index with the
memory's stamp in the database (so a publish in another gunicorn worker is noticed), and when
the memory changed it rebuilds the index in a background thread of its own and meanwhile serves
the previous index for fuzzy matches (none before the first build). The rebuild cannot be a
django-tasks task: the index lives in each web process's memory, and a task runs in the worker.
``SKC_MEMORY_INDEX_IN_BACKGROUND = False`` (the test settings) builds it in the request instead.
"""

import difflib
import heapq
import html
import logging
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, Max, Q
from rapidfuzz import fuzz, process, utils
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationLog

logger = logging.getLogger(__name__)

MEMORY_TOOL_NAME = "Translation memory"
"""``StringTranslation.tool_name`` of a pre-filled, unconfirmed translation."""
FUZZY_THRESHOLD = 75
MAX_MATCHES = 3
CANDIDATES_SCORED = 50
RAREST_WORDS = 6
"""Fuzzy candidates share at least two of the segment's six rarest words (one, if it has two);
words in more than 2% of the memory (at least 1,000 texts) are too common to look up."""

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


def published_times(target_locale_id) -> dict:
    """translation key -> when its version in the locale was last published: live pages, and
    snippets saved from their translation (``TranslationLog`` without a revision); 2 queries."""
    times = dict(
        Page.objects.filter(locale_id=target_locale_id, live=True)
        .exclude(last_published_at=None)
        .values_list("translation_key", "last_published_at")
    )
    logs = (
        TranslationLog.objects.filter(locale_id=target_locale_id, revision__isnull=True)
        .values("source__object_id")
        .annotate(last=Max("created_at"))
    )
    for log in logs:
        key = log["source__object_id"]
        times[key] = max(log["last"], times[key]) if key in times else log["last"]
    return times


def memory_rows(source_locale_id, target_locale_id, strings=None) -> list[tuple]:
    """(row id, string id, source text, translation) of the memory, most recent first:
    confirmed manual translations without error, published since they last changed; with
    ``strings`` (ids, or a query of them), only the translations of those strings."""
    published = published_times(target_locale_id)
    rows = (
        StringTranslation.objects.filter(
            locale_id=target_locale_id,
            translation_of__locale_id=source_locale_id,
            has_error=False,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        .exclude(tool_name=MEMORY_TOOL_NAME)
        .order_by("-updated_at")
        .values_list(
            "pk", "translation_of_id", "translation_of__data", "data", "context__object_id",
            "updated_at",
        )
    )  # fmt: skip
    if strings is None:
        rows = rows.iterator(chunk_size=5000)  # the whole memory, for the index
    else:
        rows = rows.filter(translation_of_id__in=strings)  # a page's worth: one fetch
    return [row[:4] for row in rows if row[4] in published and published[row[4]] >= row[5]]


class MemoryIndex:
    """The memory of one language pair: translations by source string, and the source texts
    indexed by word for fuzzy lookups."""

    def __init__(self, rows):
        self.translations = defaultdict(list)  # string id -> distinct translations, newest first
        self.sources = {}
        for _pk, string_id, source, data in rows:
            if data not in self.translations[string_id]:
                self.translations[string_id].append(data)
            self.sources[string_id] = source
        self.string_ids, self.texts, self.lengths = [], [], []
        postings = defaultdict(list)
        for string_id, source in self.sources.items():
            text = normalise(source)
            if not text:
                continue
            position = len(self.string_ids)
            self.string_ids.append(string_id)
            self.texts.append(text)
            self.lengths.append(len(text.split()))
            for word in set(text.split()):
                postings[word].append(position)
        self.postings = dict(postings)

    def __len__(self):
        return len(self.sources)

    def fuzzy(self, data: str, exclude=None) -> list[tuple[int, float]]:
        """(string id, similarity) of the best fuzzy matches of ``data``, best first."""
        text = normalise(data)
        words = [word for word in set(text.split()) if word in self.postings]
        rarest = sorted(words, key=lambda word: len(self.postings[word]))[:RAREST_WORDS]
        common = max(1000, len(self.texts) // 50)
        if len(rarest) > 2 and len(self.postings[rarest[2]]) > common:
            return []  # the segment is made of common words: no candidate would stand out
        rarest = [word for word in rarest if len(self.postings[word]) <= common] or rarest[:1]
        if not rarest:
            return []
        counts = Counter()
        for word in rarest:
            counts.update(self.postings[word])
        needed = 1 if len(rarest) <= 2 else 2
        positions = [pos for pos, shared in counts.items() if shared >= needed]
        if len(positions) > CANDIDATES_SCORED:
            positions = heapq.nlargest(CANDIDATES_SCORED, positions, key=counts.__getitem__)
        length = len(text.split())
        choices = {
            pos: self.texts[pos]
            for pos in positions
            if self.string_ids[pos] != exclude
            and 2 * min(length, self.lengths[pos]) >= max(length, self.lengths[pos])
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
"""(source locale id, target locale id) -> (the memory's stamp when it was read, its index)."""
_rebuilds: dict = {}
"""(source locale id, target locale id) -> the thread rebuilding that pair's index."""
_indexes_lock = threading.Lock()


def memory_stamp(target_locale_id):
    """What changes whenever the memory of a target language grows (2 queries): something is
    published or saved from a translation, or a page of the language is deleted or unpublished.
    (A memory row edited after its publication stays in the index, with its new text, until
    the next publication in the language; exact matches, read from SQL, have it at once.)"""
    pages = Page.objects.filter(locale_id=target_locale_id).aggregate(
        count=Count("pk", filter=Q(live=True)), last=Max("last_published_at")
    )
    logged = TranslationLog.objects.filter(locale_id=target_locale_id).aggregate(
        count=Count("pk"), last=Max("created_at")
    )
    return pages["count"], pages["last"], logged["count"], logged["last"]


def memory_index(source_locale_id, target_locale_id) -> "MemoryIndex":
    """The pair's index as this process has it (2 queries). When the memory changed since it
    was built, a rebuild starts in the background and the previous index (or an empty one)
    answers meanwhile; without ``SKC_MEMORY_INDEX_IN_BACKGROUND`` it is rebuilt here."""
    key = (source_locale_id, target_locale_id)
    stamp = memory_stamp(target_locale_id)
    cached = _indexes.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if not settings.SKC_MEMORY_INDEX_IN_BACKGROUND:
        return rebuild_index(key, stamp)
    start_rebuild(key)
    return cached[1] if cached is not None else MemoryIndex([])


def rebuild_index(key, stamp=None) -> "MemoryIndex":
    """Build the pair's index and keep it with the stamp read before its rows (4 queries): a
    publication during the build makes the next lookup rebuild it again."""
    if stamp is None:
        stamp = memory_stamp(key[1])
    index = MemoryIndex(memory_rows(*key))
    with _indexes_lock:
        _indexes[key] = (stamp, index)
    return index


def start_rebuild(key) -> threading.Thread:
    """The thread rebuilding the pair's index: the running one, or one started now."""
    with _indexes_lock:
        thread = _rebuilds.get(key)
        if thread is None or not thread.is_alive():
            thread = threading.Thread(
                target=rebuild_in_background,
                args=(key,),
                name=f"translation-memory-index-{key[0]}-{key[1]}",
                daemon=True,
            )
            _rebuilds[key] = thread
            thread.start()
    return thread


def rebuild_in_background(key):
    try:
        rebuild_index(key)
    except Exception:
        logger.exception("Rebuilding the translation memory index %s failed", key)
    finally:
        connections.close_all()  # this thread's own connections


def exact_translations(source_locale_id, target_locale_id, strings) -> dict:
    """string id -> its distinct translations in memory, newest first, for the strings in
    ``strings`` (ids or a query of them): read from SQL (3 queries), so current even while
    the word index is being rebuilt."""
    found = defaultdict(list)
    for _pk, string_id, _source, data in memory_rows(source_locale_id, target_locale_id, strings):
        if data not in found[string_id]:
            found[string_id].append(data)
    return found


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
    exact = exact_translations(
        source_locale_id, target_locale_id, {segment.string_id for segment in untranslated}
    )
    fuzzy_found = {}
    if fuzzy:
        index = memory_index(source_locale_id, target_locale_id)
        translations_of, sources = index.translations, index.sources
        for segment in untranslated:
            fuzzy_found[segment.pk] = index.fuzzy(segment.string.data, exclude=segment.string_id)
    previous = previous_versions(translation, segments, untranslated) if fuzzy else {}
    result = []
    for segment in untranslated:
        found = Suggestions(segment, previous=previous.get(segment.pk))
        for data in exact.get(segment.string_id, [])[:MAX_MATCHES]:
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


@dataclass(frozen=True)
class Prefilled:
    """What a bulk pre-fill wrote: segments, and how many translations (pages, snippets) had
    at least one."""

    segments: int
    translations: int


def prefill_exact_matches(translations, user=None) -> Prefilled:
    """In every translation given, pre-fill each segment without translation that has a 100%
    match (its most recent translation), marked as from memory. Only creates rows, so never
    replaces a translation (one saved meanwhile wins). Five queries per language pair and one
    to write, whatever the number of translations and segments."""
    pairs = defaultdict(list)
    for translation in translations:
        pairs[(translation.source.locale_id, translation.target_locale_id)].append(translation)
    created, filled = [], set()
    for (source_locale_id, target_locale_id), group in pairs.items():
        source_ids = [translation.source_id for translation in group]
        segments = StringSegment.objects.filter(source_id__in=source_ids)
        translated = set(
            StringTranslation.objects.filter(
                locale_id=target_locale_id,
                context__object_id__in={translation.source.object_id for translation in group},
            ).values_list("translation_of_id", "context_id")
        )
        exact = exact_translations(source_locale_id, target_locale_id, segments.values("string_id"))
        rows = segments.values_list("source_id", "string_id", "context_id").distinct()
        for source_id, string_id, context_id in rows:
            if (string_id, context_id) in translated or not exact.get(string_id):
                continue
            translated.add((string_id, context_id))
            filled.add((source_id, target_locale_id))
            created.append(
                StringTranslation(
                    translation_of_id=string_id,
                    context_id=context_id,
                    locale_id=target_locale_id,
                    data=exact[string_id][0],
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    tool_name=MEMORY_TOOL_NAME,
                    last_translated_by=user,
                )
            )
    with transaction.atomic():
        StringTranslation.objects.bulk_create(created, ignore_conflicts=True, batch_size=1000)
    return Prefilled(segments=len(created), translations=len(filled))


def apply_exact_matches(translations, user=None) -> int:
    """``prefill_exact_matches``, returning how many segments it pre-filled."""
    return prefill_exact_matches(translations, user).segments


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
