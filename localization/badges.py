"""The state of each translation of a page as a small badge for editors: on each row of the page
explorer (Wagtail's ``construct_page_listing_buttons`` hook), in the page editor's header menu
(``register_page_header_buttons``) and its status side panel (its locale item, extended in our
template). States and labels are the translation status
report's (localization/status.py), computed once per listing for the page and its siblings."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.widgets import Button, ListingButton
from wagtail.models import Page

from localization import status
from localization.permissions import may_work_in, user_can_edit, user_can_read_source


@dataclass
class Badge:
    language: str
    state: str
    label: str
    url: str | None


def rows_near(request, page):
    """The status row of ``page``'s translation group, computed with those of its siblings on the
    first call in a request (a listing's rows share one computation)."""
    known = request.__dict__.setdefault("_translation_status_rows", {})
    if page.translation_key not in known:
        keys = Page.objects.sibling_of(page, inclusive=True).values("translation_key")
        rows = status.page_rows(Page.objects.filter(translation_key__in=keys, depth__gt=1))
        known.update({row.source.translation_key: row for row in rows})
        known.setdefault(page.translation_key, None)
    return known[page.translation_key]


def badges(request, page) -> list[Badge]:
    if not isinstance(page, Page) or page.depth < 2:
        return []
    return badges_of(rows_near(request, page), request.user)


def badges_of(row, user) -> list[Badge]:
    """One badge a translation; its link only where ``user`` may go (the translation's editor,
    or the form that creates a missing one), never to a screen that would refuse them."""
    if row is None:
        return []
    labels = row.labels()
    found = []
    for code, (state, translated) in row.statuses.items():
        found.append(
            Badge(code, state, f"{code.upper()}: {labels[code]}", link(user, row, code, translated))
        )
    return found


def link(user, row, code, translated):
    if translated is not None:
        if user_can_edit(user, translated):
            return reverse("wagtailadmin_pages:edit", args=[translated.pk])
        return None
    if (
        may_work_in(user, code)
        and user.has_perm("wagtail_localize.submit_translation")
        and user_can_read_source(user, row.source)
    ):
        return reverse("wagtail_localize:submit_page_translation", args=[row.source.pk])
    return None


def add_listing_badges(buttons, page, user, context=None):
    """``construct_page_listing_buttons``: one small link a translation, named by its state."""
    request = context.get("request") if context else None
    if request is None:
        return
    for badge in badges(request, page):
        if badge.url is None:
            continue  # the state is still in the status side panel and the status report
        buttons.append(
            ListingButton(
                badge.label,
                url=badge.url,
                attrs={
                    "data-translation-language": badge.language,
                    "data-translation-state": badge.state,
                },
                priority=900,
            )
        )


def add_header_badges(page, user, next_url=None, view_name=None):
    """``register_page_header_buttons``: in the page editor, one item a translation, named by
    its state, leading to it."""
    if view_name != "edit" or page.depth < 2:
        return []
    rows = status.page_rows(Page.objects.filter(translation_key=page.translation_key))
    return [
        Button(
            badge.label,
            url=badge.url,
            icon_name="globe",
            attrs={
                "data-translation-language": badge.language,
                "data-translation-state": badge.state,
            },
            priority=900,
        )
        for badge in badges_of(rows[0] if rows else None, user)
        if badge.url is not None
    ]
