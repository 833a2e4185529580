"""Each role against each action on each language. Translators are confined to their language:
they cannot read the other language's drafts, publish, edit its snippets or create in it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from home.content.loader import content_key
from home.models import HomePage
from pages.models import NewsIndexPage, NewsPage
from snippets.models import Organisation

ROLES = {
    "editor": "Editors",
    "moderator": "Moderators",
    "translator_bg": "Translators BG",
    "translator_en": "Translators EN",
}


@pytest.fixture
def users(db):
    made = {}
    for username, group in ROLES.items():
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.create(user=user, preferred_language="en")
        made[username] = user
    return made


@pytest.fixture
def pages(locales):
    """A live page and a never-published draft in each language."""
    made = {}
    for locale in locales:
        code = locale.language_code
        made[f"live_{code}"] = NewsPage.objects.get(
            translation_key=content_key("page", "news-uk"), locale=locale
        )
        draft = NewsPage(title=f"Draft {code}", slug=f"draft-{code}", live=False)
        NewsIndexPage.objects.get(locale=locale).add_child(instance=draft)
        draft.save_revision()
        made[f"draft_{code}"] = draft
    return made


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return (
        "ok"
        if response.status_code in (200, 302)
        and "/admin/login" not in response.get("Location", "")
        and not _denied(response)
        else "denied"
    )


def _denied(response):
    # Wagtail's admin answers a permission error with 403, or a redirect to the dashboard.
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in ("/admin/", "/admin")
    )


# (action, target) -> the roles allowed
EXPECTED = {
    ("edit", "live_bg"): {"editor", "moderator", "translator_bg"},
    ("edit", "live_en"): {"editor", "moderator", "translator_en"},
    ("edit", "draft_bg"): {"editor", "moderator", "translator_bg"},
    ("edit", "draft_en"): {"editor", "moderator", "translator_en"},
    ("history", "live_bg"): {"editor", "moderator", "translator_bg"},
    ("history", "live_en"): {"editor", "moderator", "translator_en"},
    ("publish", "live_bg"): {"moderator"},
    ("publish", "live_en"): {"moderator"},
    ("submit_translation", "live_en"): set(ROLES),
    ("submit_translation", "draft_en"): {"editor", "moderator", "translator_en"},
    ("submit_translation", "draft_bg"): {"editor", "moderator", "translator_bg"},
    ("po_download", "into_bg"): {"editor", "moderator", "translator_bg"},
    ("po_download", "into_en"): {"editor", "moderator", "translator_en"},
    ("sync", "into_bg"): {"editor", "moderator", "translator_bg"},
    ("sync", "into_en"): {"editor", "moderator", "translator_en"},
    ("sync_and_publish", "into_bg"): {"moderator"},
    ("po_upload", "into_bg"): {"editor", "moderator", "translator_bg"},
    ("po_upload", "into_en"): {"editor", "moderator", "translator_en"},
    ("page_chooser", "any"): set(ROLES),
    ("snippet_edit", "bg"): {"editor", "moderator", "translator_bg"},
    ("snippet_edit", "en"): {"editor", "moderator", "translator_en"},
}


def seed_translation(code, pages):
    """The seed's news are translated into Bulgarian, its home page into English."""
    source_page = (
        pages["live_en"] if code == "bg" else HomePage.objects.get(locale__language_code="bg")
    )
    source = TranslationSource.objects.get(object_id=source_page.translation_key)
    return Translation.objects.get(source=source, target_locale__language_code=code)


def perform(client, user, action, target, pages):
    if action == "edit":
        return status(client, user, reverse("wagtailadmin_pages:edit", args=[pages[target].pk]))
    if action == "history":
        return status(client, user, reverse("wagtailadmin_pages:history", args=[pages[target].pk]))
    if action == "publish":
        return "ok" if pages[target].permissions_for_user(user).can_publish() else "denied"
    if action == "submit_translation":
        url = reverse("wagtail_localize:submit_page_translation", args=[pages[target].pk])
        return status(client, user, url)
    if action in ("po_download", "po_upload", "sync", "sync_and_publish"):
        translation = seed_translation(target.removeprefix("into_"), pages)
        if action == "po_download":
            url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
            return status(client, user, url)
        client.force_login(user)
        if action == "po_upload":
            # Without permission the view is forbidden; with it, the empty upload is refused
            # with a message and a redirect back.
            url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
            response = client.post(url, {"next": "/admin/pages/"})
            return "denied" if _denied(response) else "ok"
        url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
        if action == "sync":
            return status(client, user, url)
        response = client.post(url, {"publish_translations": "on"})
        return "denied" if _denied(response) else "ok"
    if action == "page_chooser":
        return status(client, user, reverse("wagtailadmin_choose_page"))
    if action == "snippet_edit":
        org = Organisation.objects.get(
            translation_key=content_key("organisation", "esca"), locale__language_code=target
        )
        return status(
            client, user, reverse("wagtailsnippets_snippets_organisation:edit", args=[org.pk])
        )
    raise AssertionError(action)


@pytest.mark.parametrize(("action", "target"), list(EXPECTED), ids=lambda v: str(v))
def test_permission_matrix(client, users, pages, action, target):
    outcome = {role: perform(client, user, action, target, pages) for role, user in users.items()}
    allowed = {role for role, result in outcome.items() if result == "ok"}
    assert allowed == EXPECTED[(action, target)], outcome


def test_a_translator_cannot_submit_a_translation_into_another_language(client, users, pages):
    bg_locale = Locale.objects.get(language_code="bg")
    en_locale = Locale.objects.get(language_code="en")
    page = NewsPage(title="Само тук", slug="samo-tuk")
    NewsIndexPage.objects.get(locale=bg_locale).add_child(instance=page)
    page.save_revision().publish()
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    client.force_login(users["translator_bg"])
    response = client.post(url, {"locales": [en_locale.pk]})
    assert _denied(response)
    assert not page.has_translation(en_locale)


@pytest.mark.parametrize(
    ("role", "language", "allowed"),
    [("translator_bg", "bg", True), ("translator_bg", "en", False),
     ("translator_en", "en", True), ("editor", "bg", True), ("editor", "en", True)],
)  # fmt: skip
def test_creating_snippets_is_confined_to_the_translators_language(
    client, users, role, language, allowed
):
    url = reverse("wagtailsnippets_snippets_organisation:add") + f"?locale={language}"
    assert (status(client, users[role], url) == "ok") is allowed


def test_a_translator_cannot_preview_or_compare_the_other_languages_drafts(client, users, pages):
    draft = pages["draft_en"]
    client.force_login(users["translator_bg"])
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]))
    assert _denied(preview) or preview.status_code in (403, 404, 405)
    revision = draft.latest_revision
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, "live", revision.pk])
    )
    assert _denied(compare) or compare.status_code == 404


def test_translation_editor_strings_are_confined_to_the_translators_language(client, users):
    from wagtail_localize.models import StringSegment

    organisation = Organisation.objects.get(
        translation_key=content_key("organisation", "oneness"), locale__language_code="en"
    )
    source = TranslationSource.objects.get(object_id=organisation.translation_key)
    translation = Translation.objects.get(source=source, target_locale__language_code="bg")
    segment = StringSegment.objects.filter(source=source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    for role, allowed in (("translator_en", False), ("translator_bg", True)):
        client.force_login(users[role])
        response = client.delete(url)  # clearing a string translation, as the editor does
        assert (not _denied(response)) is allowed, (role, response.status_code)
