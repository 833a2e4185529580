"""Whether a page's translation is out of date, and by how many segments: the one definition
behind the translation status report, the editors' badges and the readers' notice.

wagtail-localize compares a translation with its source only when someone syncs it. So that the
changed segments can be counted without extracting every page again, the ``TranslationSource``
of a source page is brought up to date from the live page whenever that page is published
(``keep_source_current``, with wagtail-localize's own ``update_or_create_from_instance``, which
its "Sync" also runs): its ``StringSegment`` rows are then the original as its readers see it.
"""

from dataclasses import dataclass

from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslationLog,
    TranslationSource,
)

# The slug is a segment too, but an untranslated one keeps the source's slug (or the Latin one
# localization/slugs.py makes): readers see no stale text, so it never makes a page out of date.
SLUG_PATH = "slug"


@dataclass(frozen=True)
class OutOfDate:
    changed_segments: int
    source: Page  # the original the translation lags behind (its live version)


def out_of_date(translated_pages, other_versions) -> dict[int, OutOfDate]:
    """Translated page id -> ``OutOfDate``, for every page of ``translated_pages`` whose
    translation is out of date (the others are absent).

    A translation is out of date when its source was published after the version of the
    translation that readers see was last synced from it, *and* the source has segments that
    version has no translation for: string segments of the source with no error-free
    ``StringTranslation`` into the page's language made by that sync (the slug aside). Their
    number is ``changed_segments``. The version readers see was synced by the
    ``TranslationLog`` of the page's live revision (or of the newest revision before it). So a
    sync saved as a draft, or strings translated since, do not catch up: publishing the synced
    translation does.

    ``other_versions``: pages among which the sources are (the same translation keys in other
    languages). Every page needs ``translation_key``, ``locale_id``, ``live_revision_id`` and
    ``last_published_at``. One query, and two more when some source was published after its
    translation's sync.
    """
    translated = [page for page in translated_pages if page.live_revision_id]
    if not translated:
        return {}
    versions = {(page.translation_key, page.locale_id): page for page in other_versions}
    logs = TranslationLog.objects.filter(
        source__object_id__in={page.translation_key for page in translated},
        locale_id__in={page.locale_id for page in translated},
        revision_id__isnull=False,
    ).values_list("source_id", "source__object_id", "source__locale_id", "locale_id",
                  "revision_id", "created_at")  # fmt: skip
    live_syncs = {}  # translated page id -> (source id, source page, sync time)
    by_pair = {(page.translation_key, page.locale_id): page for page in translated}
    for source_id, key, source_locale_id, locale_id, revision_id, created_at in logs:
        page = by_pair.get((key, locale_id))
        source_page = versions.get((key, source_locale_id))
        if page is None or source_page is None or revision_id > page.live_revision_id:
            continue
        known = live_syncs.get(page.pk)
        if known is None or created_at > known[2]:
            live_syncs[page.pk] = (source_id, source_page, created_at)
    behind = {
        pk: sync
        for pk, sync in live_syncs.items()
        if sync[1].last_published_at and sync[1].last_published_at > sync[2]
    }
    if not behind:
        return {}
    source_ids = {source_id for source_id, _page, _at in behind.values()}
    segments = list(
        StringSegment.objects.filter(source_id__in=source_ids)
        .exclude(context__path=SLUG_PATH)
        .values_list("source_id", "string_id", "context_id")
    )
    translated_at = {
        (string_id, context_id, locale_id): created_at
        for string_id, context_id, locale_id, created_at in StringTranslation.objects.filter(
            context_id__in={context_id for _s, _str, context_id in segments},
            locale_id__in={page.locale_id for page in translated if page.pk in behind},
            has_error=False,
        ).values_list("translation_of_id", "context_id", "locale_id", "created_at")
    }
    result = {}
    for page in translated:
        if page.pk not in behind:
            continue
        source_id, source_page, synced_at = behind[page.pk]
        changed = 0
        for segment_source_id, string_id, context_id in segments:
            if segment_source_id != source_id:
                continue
            made = translated_at.get((string_id, context_id, page.locale_id))
            if made is None or made > synced_at:
                changed += 1
        if changed:
            result[page.pk] = OutOfDate(changed, source_page)
    return result


def keep_source_current(sender, instance, **kwargs):
    """A published page that is the source of translations: its ``TranslationSource`` (and so
    its segments) follows the live page. Translated pages themselves are left alone."""
    if TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).exists():
        TranslationSource.update_or_create_from_instance(instance.specific)
