"""Run the translation checks over every enabled translation and list the findings."""

from django.core.management.base import BaseCommand
from django.utils import translation as language
from wagtail_localize.models import Translation

from localization.quality.translation_checks import reports_for


class Command(BaseCommand):
    help = "List the findings of the translation checks (errors and warnings) per translation."

    def add_arguments(self, parser):
        parser.add_argument("--errors-only", action="store_true", help="List errors only.")
        parser.add_argument("--language", default="en", help="Language of the messages.")

    def handle(self, *args, errors_only=False, **options):
        translations = Translation.objects.filter(enabled=True).select_related(
            "source__locale", "target_locale"
        )
        errors = warnings = 0
        with language.override(options["language"]):
            for report in reports_for(translations).values():
                source = report.translation.source
                for segment in report.segments:
                    for finding in segment.findings:
                        if errors_only and not finding.is_error:
                            continue
                        errors += finding.is_error
                        warnings += not finding.is_error
                        self.stdout.write(
                            f"[{finding.severity}] {source.object_repr} "
                            f"({source.locale.language_code}→"
                            f"{report.translation.target_locale.language_code}) "
                            f"segment {segment.segment_id}: {finding.message}\n"
                            f"    source: {segment.source[:160]!r}\n"
                            f"    target: {(segment.target or '')[:160]!r}"
                        )
        self.stdout.write(f"{errors} errors, {warnings} warnings.")
