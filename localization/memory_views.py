"""The translation editor's memory panel (``{% translation_memory_panel %}``) and its bulk
"Apply all 100% matches" action (localization/memory.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, Translation

from localization import memory
from localization.permissions import user_can_edit
from localization.review import lock_reason, page_of


def panel_context(translation) -> dict:
    """What the panel shows: per segment without translation its matches and previous version,
    each with the editor API address that "Use" writes to; the unconfirmed pre-filled ones."""
    found = memory.suggestions(translation)
    for item in found:
        item.edit_url = edit_url(translation, item.segment.pk)
        item.source_text = memory.plain_text(item.segment.string.data)
    prefilled = [
        {"edit_url": edit_url(translation, segment.pk), "source": source, "translation": data}
        for segment, source, data in prefilled_segments(translation)
    ]
    return {
        "translation": translation,
        "suggestions": found,
        "exact_count": sum(1 for item in found if item.exact_match),
        "prefilled": prefilled,
        "apply_url": reverse("localization_apply_memory_matches", args=[translation.pk]),
        "download_xliff_url": reverse("localization_download_xliff", args=[translation.pk]),
        "upload_xliff_url": reverse("localization_upload_xliff", args=[translation.pk]),
    }


def edit_url(translation, segment_id):
    """wagtail-localize's own string translation API, which the editor's React app uses."""
    return reverse(
        "wagtail_localize:edit_string_translation",
        kwargs={"translation_id": translation.pk, "string_segment_id": segment_id},
    )


def prefilled_segments(translation):
    """(segment, source text, translation) of the rows pre-filled and not confirmed (2 queries)."""
    rows = {
        (row.translation_of_id, row.context_id): row.data
        for row in memory.unconfirmed_prefilled(translation)
    }
    if not rows:
        return []
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    return [
        (
            segment,
            memory.plain_text(segment.string.data),
            rows[(segment.string_id, segment.context_id)],
        )
        for segment in segments.order_by("order")
        if (segment.string_id, segment.context_id) in rows
    ]


@require_POST
def apply_memory_matches(request, translation_id):
    """Pre-fill every 100% match of the translation, marked until a translator confirms it."""
    translation = get_object_or_404(Translation, id=translation_id)
    target = translation.get_target_instance()
    if not user_can_edit(request.user, target):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    page = page_of(translation)
    reason = lock_reason(request.user, page) if page is not None else None
    if reason:
        messages.error(request, reason)
        return redirect(next_url)
    count = memory.apply_exact_matches([translation], user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d segment was pre-filled from translation memory; confirm it in the "
                "editor.",
                "%(count)d segments were pre-filled from translation memory; confirm them in the "
                "editor.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("No segment without translation has a 100% match."))
    return redirect(next_url)
