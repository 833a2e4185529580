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
from wagtail_localize.models import Translation

from localization import memory
from localization.permissions import user_can_edit
from localization.review import lock_reason, page_of


def panel_context(translation) -> dict:
    """What the panel shows: per segment without translation its matches and previous version,
    each with the editor API address that "Use" writes to; the unconfirmed pre-filled ones."""
    found = memory.suggestions(translation)
    for item in found:
        item.edit_url = reverse(
            "wagtail_localize:edit_string_translation",
            kwargs={"translation_id": translation.pk, "string_segment_id": item.segment.pk},
        )
    return {
        "translation": translation,
        "suggestions": found,
        "exact_count": sum(1 for item in found if item.exact_match),
        "prefilled_count": memory.unconfirmed_prefilled(translation).count(),
        "apply_url": reverse("localization_apply_memory_matches", args=[translation.pk]),
    }


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
