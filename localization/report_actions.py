"""The actions the translation status report offers in one language's cell: only those the
signed-in user may open (a translator never gets a link into another language or into the source
page's editor)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from localization import permissions, review, status


@dataclass
class CellAction:
    label: str
    url: str
    method: str  # "get" for a link; otherwise the name of the POST form (data-review-action)


def cell_actions(user, code, state, translated, source) -> list[CellAction]:
    if not permissions.may_work_in(user, code):
        return []
    if state == status.MISSING:
        if isinstance(source, Page) and permissions.may_submit_translation(user, source, []):
            url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
            return [CellAction(_("Translate"), url, "get")]
        return []
    if not isinstance(translated, Page) or not translated.permissions_for_user(user).can_edit():
        return []
    actions = [
        CellAction(_("Edit"), reverse("wagtailadmin_pages:edit", args=[translated.pk]), "get")
    ]
    translation = review.enabled_translation_of(translated)
    if translation is None or state == review.AWAITING_REVIEW:
        return actions
    if state == status.OUT_OF_DATE:
        url = reverse("localization_sync_translation", args=[translation.pk])
        actions.insert(0, CellAction(_("Sync"), url, "sync"))
    elif state in (status.DRAFT, review.CHANGES_REQUESTED) and translated.get_workflow():
        url = reverse("localization_submit_for_review", args=[translation.pk])
        actions.append(CellAction(_("Submit for review"), url, "submit"))
    return actions


def add_actions(user, rows):
    """Give each row ``actions``: language -> the cell's actions for ``user``."""
    for row in rows:
        row.actions = {
            code: cell_actions(user, code, state, translated, row.source)
            for code, (state, translated) in row.statuses.items()
        }
    return rows
