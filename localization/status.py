"""Translation status of every page and translatable snippet, per language.

missing: no version in the language; awaiting review / changes requested: the translated page is
in its workflow (localization/review.py); draft: a version exists but is not live, or its newest
version is not published yet (a sync of the latest source saved as a draft included); out of
date: as ``localization.outdated.out_of_date`` defines it, with the number of changed segments;
up to date: otherwise. The whole report takes a fixed handful of queries, whatever the number of
pages.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from localization.machine_translation import unconfirmed_machine_counts
from localization.memory import unconfirmed_prefilled_counts
from localization.outdated import out_of_date
from localization.quality.translation_checks import reports_for
from localization.review import AWAITING_REVIEW, CHANGES_REQUESTED, review_states
from snippets.models import EUAcknowledgement, FundingProgramme, Organisation, Person

SNIPPET_MODELS = [Organisation, Person, FundingProgramme, EUAcknowledgement]

MISSING, DRAFT, OUT_OF_DATE, UP_TO_DATE = "missing", "draft", "out_of_date", "up_to_date"
STATUS_LABELS = {
    MISSING: _("Missing"),
    AWAITING_REVIEW: _("Awaiting review"),
    CHANGES_REQUESTED: _("Changes requested"),
    DRAFT: _("Draft"),
    OUT_OF_DATE: _("Out of date"),
    UP_TO_DATE: _("Up to date"),
}


@dataclass
class StatusRow:
    title: str
    kind: str
    source: object
    source_language: str
    section_id: int | None
    statuses: dict = field(default_factory=dict)  # language -> (status, translated object)
    changed: dict = field(default_factory=dict)  # language -> changed segments, when out of date
    prefilled: dict = field(default_factory=dict)  # language -> unconfirmed memory pre-fills
    machine: dict = field(default_factory=dict)  # language -> unconfirmed machine translations

    def labels(self):
        """Language -> what the status says ("Out of date: 3 changed segments")."""
        return {
            code: status_label(state, self.changed.get(code, 0))
            for code, (state, _obj) in self.statuses.items()
        }


def status_label(state, changed=0):
    if state == OUT_OF_DATE and changed:
        return ngettext(
            "Out of date: %(count)s changed segment",
            "Out of date: %(count)s changed segments",
            changed,
        ) % {"count": changed}
    return str(STATUS_LABELS[state])


def languages():
    return [code for code, _name in settings.LANGUAGES]


def last_syncs():
    """(source id, locale id) -> when the translation was last saved from its source."""
    logs = TranslationLog.objects.values("source_id", "locale_id").annotate(last=Max("created_at"))
    return {(log["source_id"], log["locale_id"]): log["last"] for log in logs}


def sources_by_key():
    sources = TranslationSource.objects.only("object_id", "locale_id")  # not their content
    return {source.object_id: source for source in sources}


PAGE_FIELDS = (
    "title", "path", "depth", "live", "locale_id", "translation_key", "last_published_at",
    "content_type_id", "has_unpublished_changes", "live_revision_id",
)  # fmt: skip


def prefilled_counts():
    """(translation key, language) -> segments pre-filled from memory, not yet confirmed."""
    return unconfirmed_prefilled_counts()


def page_rows(pages=None):
    """One row per page and its translations; ``pages``: a queryset of the pages to report on
    (all their language versions; default: every page)."""
    if pages is None:
        pages = Page.objects.filter(depth__gt=1)
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    sources, syncs, reviews = sources_by_key(), last_syncs(), review_states()
    prefilled = prefilled_counts()
    machine = unconfirmed_machine_counts()
    groups = defaultdict(dict)
    pages = pages.order_by("path").only(*PAGE_FIELDS)
    for page in pages:
        groups[page.translation_key][locales[page.locale_id]] = page
    sections = {page.path: page.pk for page in pages if page.depth == 3}
    originals = {}
    for key, versions in groups.items():
        source = sources.get(key)
        source_code = locales[source.locale_id] if source else next(iter(versions))
        originals[key] = (
            source,
            source_code,
            versions.get(source_code) or next(iter(versions.values())),
        )
    translated = [
        page
        for key, versions in groups.items()
        for code, page in versions.items()
        if code != originals[key][1]
    ]
    stale = out_of_date(translated, [original for _s, _c, original in originals.values()])
    rows = []
    for key, versions in groups.items():
        source, source_code, original = originals[key]
        row = StatusRow(
            title=original.title,
            kind=ContentType.objects.get_for_id(original.content_type_id)
            .model_class()
            ._meta.verbose_name,
            source=original,
            source_language=source_code,
            section_id=sections.get(original.path[:12]),
        )
        for code in languages():
            if code == source_code:
                continue
            translated_page = versions.get(code)
            row.statuses[code] = page_status(
                translated_page, original, source, syncs, reviews, stale
            )
            if row.statuses[code][0] == OUT_OF_DATE:
                row.changed[code] = stale[translated_page.pk].changed_segments
            if prefilled.get((key, code)):
                row.prefilled[code] = prefilled[(key, code)]
            if machine.get((key, code)):
                row.machine[code] = machine[(key, code)]
        rows.append(row)
    return rows


def page_status(translated, original, source, syncs, reviews=None, stale=None):
    if translated is None:
        return MISSING, None
    if reviews and translated.pk in reviews:
        return reviews[translated.pk], translated
    if not translated.live:
        return DRAFT, translated
    if stale and translated.pk in stale:
        # Out of date for readers, unless a sync of the latest source awaits publishing.
        synced = syncs.get((source.pk, translated.locale_id)) if source else None
        in_progress = (
            translated.has_unpublished_changes and synced and (synced >= original.last_published_at)
        )
        if not in_progress:
            return OUT_OF_DATE, translated
    if translated.has_unpublished_changes:
        return DRAFT, translated
    return UP_TO_DATE, translated


def snippet_rows():
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    sources = sources_by_key()
    machine = unconfirmed_machine_counts()
    rows = []
    for model in SNIPPET_MODELS:
        groups = defaultdict(dict)
        for obj in model.objects.all():
            groups[obj.translation_key][locales[obj.locale_id]] = obj
        for key, versions in groups.items():
            source = sources.get(key)
            source_code = locales[source.locale_id] if source else next(iter(versions))
            original = versions.get(source_code) or next(iter(versions.values()))
            row = StatusRow(str(original), model._meta.verbose_name, original, source_code, None)
            for code in languages():
                if code != source_code:
                    version = versions.get(code)
                    row.statuses[code] = (UP_TO_DATE if version else MISSING, version)
                    if machine.get((key, code)):
                        row.machine[code] = machine[(key, code)]
            rows.append(row)
    return rows


def quality_counts():
    """(translation key, language) -> (errors, warnings) of each enabled translation's checks."""
    translations = Translation.objects.filter(enabled=True).select_related(
        "source__locale", "target_locale"
    )
    return {
        (report.translation.source.object_id, report.translation.target_locale.language_code): (
            len(report.errors),
            len(report.warnings),
        )
        for report in reports_for(translations).values()
    }


def add_quality_counts(rows):
    """Give each row ``quality``: language -> (errors, warnings), for its translations."""
    counts = quality_counts()
    for row in rows:
        key = row.source.translation_key
        row.quality = {code: counts[(key, code)] for code in row.statuses if (key, code) in counts}
    return rows


def progress_by_language(rows):
    """language -> (up to date, expected, percent)."""
    totals = {}
    for code in languages():
        statuses = [row.statuses[code][0] for row in rows if code in row.statuses]
        done = statuses.count(UP_TO_DATE)
        expected = len(statuses)
        totals[code] = (done, expected, round(100 * done / expected) if expected else 100)
    return totals
