"""The checks of checks.py (and the glossary's) run over wagtail-localize's own records: each
string segment of a Translation's source against the target language's StringTranslation.

One query per target language, whatever the number of segments or translations; the findings of
a pair of texts are kept per process, so the status report checks only what changed.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from wagtail_localize.models import StringSegment, Translation

from localization.quality import glossary
from localization.quality.checks import ERROR, WARNING, check_translation

# Segments that are not running text: a Bulgarian page's slug is the Latin transliteration of its
# title (localization/slugs.py), never a translation of the English slug.
NOT_TEXT = ["slug"]


@dataclass
class SegmentReport:
    """The findings of one string segment, and the glossary terms its source contains."""

    segment_id: int
    source: str
    target: str | None
    findings: list = field(default_factory=list)
    terms: list = field(default_factory=list)


@dataclass
class TranslationReport:
    translation: Translation
    segments: list = field(default_factory=list)

    @property
    def findings(self):
        return [finding for segment in self.segments for finding in segment.findings]

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == ERROR]

    @property
    def warnings(self):
        return [finding for finding in self.findings if finding.severity == WARNING]

    def errors_fingerprint(self):
        """Identifies the errors as they are now: a moderator's override holds for these only."""
        errors = sorted(
            (segment.segment_id, finding.code, json.dumps(finding.params, sort_keys=True))
            for segment in self.segments
            for finding in segment.findings
            if finding.severity == ERROR
        )
        return hashlib.sha256(json.dumps(errors).encode()).hexdigest()


@lru_cache(maxsize=20_000)
def text_findings(source, target, source_language, target_language):
    """The checks' findings for one pair of texts, kept per process: a pure function of the
    texts, whose messages are written only when shown (in the reader's language)."""
    return tuple(check_translation(source, target, source_language, target_language))


def check_segment(source, target, source_language, target_language, terms):
    findings = list(text_findings(source, target, source_language, target_language))
    if target:
        findings += glossary.check_terms(source, target, source_language, terms)
    return findings


def reports_for(translations):
    """Translation id -> TranslationReport for the given Translations (with ``source__locale``
    and ``target_locale`` selected): one query per target language, plus the glossary's one."""
    translations = list(translations)
    reports = {translation.pk: TranslationReport(translation) for translation in translations}
    by_locale = defaultdict(list)
    for translation in translations:
        by_locale[translation.target_locale_id].append(translation)
    terms = glossary.active_terms()
    for locale_id, group in by_locale.items():
        sources = defaultdict(list)
        for translation in group:
            sources[translation.source_id].append(translation)
        segments = (
            StringSegment.objects.filter(source_id__in=sources)
            .exclude(context__path__in=NOT_TEXT)
            .annotate_translation(locale_id)
            .select_related("string")
            .order_by("source_id", "order")
        )
        for segment in segments:
            for translation in sources[segment.source_id]:
                source_language = translation.source.locale.language_code
                target_language = translation.target_locale.language_code
                report = SegmentReport(segment.pk, segment.string.data, segment.translation)
                report.terms = glossary.terms_in(report.source, source_language, terms)
                report.findings = check_segment(
                    report.source, report.target, source_language, target_language, report.terms
                )
                reports[translation.pk].segments.append(report)
    return reports


def report_for(translation):
    translation = Translation.objects.select_related("source__locale", "target_locale").get(
        pk=translation.pk
    )
    return reports_for([translation])[translation.pk]
