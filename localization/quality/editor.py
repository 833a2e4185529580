"""The findings and glossary terms in wagtail-localize's translation editor.

The editor (a React app, 1.14.5) shows under each translated segment a comment, and a red warning
sign with the text of ``error`` when a string translation has one: its props (our template
override) and the answer of its "save string" API carry our findings there
(compat/wagtail_localize.py, 5.). A panel above the
editor lists every segment with findings or glossary terms, also those not yet translated.
"""

import functools

from wagtail_localize.models import Translation

from compat import wagtail_localize as compat
from localization.quality.checks import ERROR, SEVERITY_LABELS
from localization.quality.translation_checks import report_for


def finding_lines(findings):
    return [f"{SEVERITY_LABELS[finding.severity]}: {finding.message}" for finding in findings]


def annotate(serialized, segments):
    """Put the findings of the segment into one serialised string translation: with an error,
    all of them as its error; warnings only, after its comment."""
    segment = segments.get(compat.segment_of(serialized))
    if segment is None or not segment.findings:
        return serialized
    has_error = any(finding.severity == ERROR for finding in segment.findings)
    return compat.add_segment_note(serialized, " ".join(finding_lines(segment.findings)), has_error)


def annotate_props(props, translation):
    """The editor's props with the findings beside each segment."""
    segments = {segment.segment_id: segment for segment in report_for(translation).segments}
    for serialized in compat.string_translations_in_props(props):
        annotate(serialized, segments)
    return props


def with_findings(view):
    """wagtail-localize's "save string" API view, its answer carrying the segment's findings
    (shown by the editor at once beside the segment)."""

    @functools.wraps(view)
    def annotated(request, *args, translation_id, string_segment_id, **kwargs):
        response = view(
            request,
            *args,
            translation_id=translation_id,
            string_segment_id=string_segment_id,
            **kwargs,
        )
        data = getattr(response, "data", None)
        if request.method == "PUT" and isinstance(data, dict) and response.status_code < 300:
            report = report_for(Translation.objects.get(pk=translation_id))
            segments = {segment.segment_id: segment for segment in report.segments}
            response.data = annotate(data, segments)
        return response

    return annotated


def panel_context(translation):
    """What the panel lists: the segments with findings or glossary terms, and the counts."""
    report = report_for(translation)
    segments = [segment for segment in report.segments if segment.findings or segment.terms]
    target_language = translation.target_locale.language_code
    return {
        "segments": [
            {
                "id": segment.segment_id,
                "source": segment.source,
                "findings": segment.findings,
                "terms": [
                    (term.term(translation.source.locale.language_code), term.term(target_language))
                    for term in segment.terms
                ],
            }
            for segment in segments
        ],
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
