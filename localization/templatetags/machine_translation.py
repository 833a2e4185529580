"""``{% machine_translation_panel translation %}``: the translation editor's list of machine
translations to confirm (localization/machine_translation.py)."""

from django import template
from django.urls import reverse

from localization.machine_translation import machine_segments

register = template.Library()


@register.inclusion_tag("localization/machine_translation_panel.html", takes_context=True)
def machine_translation_panel(context, translation):
    segments = [
        {
            "segment_id": segment.pk,
            "source": source,
            "translation": data,
            "edit_url": reverse(
                "wagtail_localize:edit_string_translation",
                kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
            ),
        }
        for segment, source, data in machine_segments(translation)
    ]
    return {
        "segments": segments,
        "target_language": translation.target_locale.language_code,
        "csrf_token": context.get("csrf_token"),
    }
