"""Each role against each action in each language, through the admin's own addresses.

A signed-in user with a CSRF-checked client does what an editor's browser (or an attacker with
that session) does: reads the CSRF token from the form page, then POSTs. Whatever the response,
the outcome is judged by the data: an allowed action changed what it should, a refused one
changed nothing (never a 500). Each action is allowed to at least one role, so every refusal has
a positive control in the same table.

Translators are confined to their language and never publish; editors edit and submit, but do
not publish; moderators publish in both languages.
"""

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import HomePage
from pages.models import ClusterLabelPage, NewsIndexPage, NewsPage, ReportRequest, StandardPage
from snippets.models import Organisation, Person, Topic
from tests.factories import (
    ClusterLabelPageFactory,
    NewsIndexPageFactory,
    OrganisationFactory,
    translate,
)

ROLES = {
    "editor": "Editors",
    "moderator": "Moderators",
    "translator_bg": "Translators BG",
    "translator_en": "Translators EN",
}
OTHER = {"bg": "en", "en": "bg"}

# Who may do what. EVERYONE / OWN: in both languages / only in the translator's own language.
EVERYONE, OWN, NEVER = "everyone", "own language", "never"
ALL_ROLES = {"editor": EVERYONE, "moderator": EVERYONE, "translator_bg": OWN, "translator_en": OWN}
MODERATORS_ONLY = {"editor": NEVER, "moderator": EVERYONE, "translator_bg": NEVER,
                   "translator_en": NEVER}  # fmt: skip
EDITORS_AND_MODERATORS = {"editor": EVERYONE, "moderator": EVERYONE, "translator_bg": NEVER,
                          "translator_en": NEVER}  # fmt: skip
NOBODY = dict.fromkeys(ROLES, NEVER)
ANYONE = dict.fromkeys(ROLES, EVERYONE)

EXPECTED = {
    # pages
    "edit": ALL_ROLES,
    "publish": MODERATORS_ONLY,
    "unpublish": MODERATORS_ONLY,
    "delete": MODERATORS_ONLY,  # a live page: deleting it takes it off the site
    "move": MODERATORS_ONLY,  # a live page: moving it publishes it elsewhere
    "copy": ALL_ROLES,
    "copy_and_publish": MODERATORS_ONLY,
    "revert": ALL_ROLES,
    "history": ALL_ROLES,
    # wagtail-localize
    "submit_translation": ALL_ROLES,
    "convert_to_alias": MODERATORS_ONLY,
    "sync": ALL_ROLES,
    "sync_and_publish": MODERATORS_ONLY,
    "sync_and_publish_missing": MODERATORS_ONLY,
    "po_download": ALL_ROLES,
    "po_upload": ALL_ROLES,
    "snippets_api_list": ANYONE,
    "snippets_api_detail": ANYONE,
    "snippets_api_report_requests": NOBODY,
    "snippets_api_report_request": NOBODY,
    "report_requests_admin": MODERATORS_ONLY,  # the control for the two rows above
    # bulk actions
    "bulk_publish": MODERATORS_ONLY,
    "bulk_unpublish": MODERATORS_ONLY,
    "bulk_delete": MODERATORS_ONLY,
    "bulk_move": MODERATORS_ONLY,
    # snippets
    "snippet_create": ALL_ROLES,
    "snippet_edit": ALL_ROLES,
    "snippet_delete": EDITORS_AND_MODERATORS,
    # topics: one row, both languages; a translator changes only their language's name
    "topic_name": ALL_ROLES,
    "topic_slug": EDITORS_AND_MODERATORS,
    "topic_add": EDITORS_AND_MODERATORS,
    "topic_delete": EDITORS_AND_MODERATORS,
    # images and documents: translators upload and choose, never replace or delete
    "image_upload": ANYONE,
    "image_replace": EDITORS_AND_MODERATORS,
    "image_delete": EDITORS_AND_MODERATORS,
    "document_upload": ANYONE,
    "document_replace": EDITORS_AND_MODERATORS,
    "document_delete": EDITORS_AND_MODERATORS,
}


def is_allowed(action, role, language) -> bool:
    rule = EXPECTED[action][role]
    return rule == EVERYONE or (rule == OWN and role.endswith(f"_{language}"))


# --- the world each action works on (made by a superuser, never by the role under test) ---


@dataclass
class World:
    owner: Any
    capture: Callable

    def locale(self, language):
        return Locale.objects.get(language_code=language)

    def news(self, language, title="Matrix news", slug="matrix-news"):
        """A live news page of one language, not a translation."""
        page = NewsPage(title=title, slug=slug, intro="Intro.", owner=self.owner)
        NewsIndexPage.objects.get(locale__language_code=language).add_child(instance=page)
        page.save_revision(user=self.owner).publish()  # its cache invalidation is not needed
        return NewsPage.objects.get(pk=page.pk)

    def standard_pair(self, language):
        """Two live standard pages under the home page: one to move under the other."""
        home = HomePage.objects.get(locale__language_code=language)
        made = []
        for slug in ("matrix-moved", "matrix-destination"):
            page = StandardPage(title=slug, slug=slug, owner=self.owner)
            home.add_child(instance=page)
            page.save_revision(user=self.owner).publish()
            made.append(page)
        return made

    def translation_into(self, language, title="Matrix source"):
        """A live page of the other language and its live wagtail-localize translation."""
        source_page = self.news(OTHER[language], title=title, slug="matrix-source")
        source, _created = TranslationSource.get_or_create_from_instance(source_page)
        translation = Translation.objects.create(source=source, target_locale=self.locale(language))
        with self.capture(execute=True):
            translation.save_target(user=self.owner, publish=True)
        return translation

    def person(self, language):
        return Person.objects.create(name=f"Matrix person {language}", locale=self.locale(language))


# The Bulgarian pages the matrix works under, with their English translations.
SECTIONS_IN_ENGLISH = {"Новини": "News", "Знак за качество": "Quality label"}


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    """The base site's two home pages with a news section and the label page under each (made
    in Bulgarian and translated into English as editors do), and an organisation translated
    into Bulgarian; the superuser who made them owns what the actions work on."""
    bg, en = Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=bg)
    for page in (
        NewsIndexPageFactory(parent=home, locale=bg, title="Новини"),
        ClusterLabelPageFactory(parent=home, locale=bg, title="Знак за качество"),
    ):
        translate(page, en, SECTIONS_IN_ENGLISH)
    translate(OrganisationFactory(name="Matrix member"), bg, {"Matrix member": "Член"})
    owner = get_user_model().objects.create_superuser("matrix-owner", "owner@example.org", "pw")
    return World(owner=owner, capture=django_capture_on_commit_callbacks)


def signed_in(role) -> Client:
    user = get_user_model().objects.create_user(role, f"{role}@example.org", "pw")
    user.groups.add(Group.objects.get(name=ROLES[role]))
    UserProfile.objects.create(user=user, preferred_language="en")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(client, form_url) -> str:
    """The token as a browser has it: from the form page, or (when that page is refused) from
    the cookie another form of the same session (the user's own account page) sets."""
    found = CSRF_FIELD.search(client.get(form_url).content.decode())
    if found:
        return found.group(1)
    client.get(reverse("wagtailadmin_account"))
    return client.cookies["csrftoken"].value


def post(client, url, data=None, form_url=None, **extra):
    data = {**(data or {}), "csrfmiddlewaretoken": csrf_token(client, form_url or url)}
    return client.post(url, data, **extra)


# --- what each action changes, read back from the database ---


def page_state(page):
    page = Page.objects.filter(pk=page.pk).first()
    if page is None:
        return None
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    return (page.title, page.draft_title, page.live, page.live_revision_id, revisions,
            page.get_parent().pk, page.alias_of_id)  # fmt: skip


def file_state(model, pk):
    item = model.objects.filter(pk=pk).first()
    if item is None:
        return None
    with item.file.open("rb") as stored:
        return item.file.name, hashlib.sha256(stored.read()).hexdigest()


# --- the actions: prepare(world, language) -> target; perform(client, target) -> response;
# state(target) -> what the action would change ---


def news_form(page, **overrides):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": str(page.date),
            "date_precision": page.date_precision,
            "kind": page.kind,
            "intro": page.intro,
            "image_alt_text": "",
            "body": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            "related_organisations": inline_formset([]),
            "related_people": inline_formset([]),
            "comments": inline_formset([]),
            **overrides,
        }
    )


def edit(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return post(client, url, news_form(page, title="Edited"))


def publish(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return post(client, url, {**news_form(page, title="Published"), "action-publish": "1"})


def unpublish(client, page):
    return post(client, reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


def delete(client, page):
    return post(client, reverse("wagtailadmin_pages:delete", args=[page.pk]))


def move(client, pages):
    moved, destination = pages
    url = reverse("wagtailadmin_pages:move_confirm", args=[moved.pk, destination.pk])
    return post(client, url)


def copy(client, page, publish_copies=False):
    data = {"new_title": "Matrix copy", "new_slug": "matrix-copy",
            "new_parent_page": page.get_parent().pk}  # fmt: skip
    if publish_copies:
        data["publish_copies"] = "on"
    return post(client, reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def copies(page):
    return Page.objects.filter(slug="matrix-copy", locale_id=page.locale_id)


def live_state(page):
    """What readers see: a draft saved instead of a publish leaves it as it was."""
    page = Page.objects.filter(pk=page.pk).first()
    return page and (page.title, page.live, page.live_revision_id)


def prepare_revert(world, language):
    page = world.news(language, title="First version")
    page.title = "Second version"
    page.save_revision(user=world.owner)
    return page


def revert(client, page):
    first = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    return post(client, url, news_form(page, title="First version"))


def history_shows(response, page):
    return response.status_code == 200 and "Matrix news" in response.content.decode()


def submit_translation(client, page):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    target = Locale.objects.get(language_code=OTHER[page.locale.language_code])
    return post(client, url, {"locales": [target.pk]})


def translations_state(page):
    return Page.objects.filter(translation_key=page.translation_key).count()


def prepare_translated_page(world, language):
    return world.translation_into(language).get_target_instance()


def convert_to_alias(client, page):
    return post(client, reverse("wagtail_localize:convert_to_alias", args=[page.pk]))


def prepare_changed_source(world, language):
    """A translation whose source got a new live version since it was last synced."""
    translation = world.translation_into(language)
    source_page = translation.source.get_source_instance()
    source_page.title = "Matrix source, new version"
    with world.capture(execute=True):
        source_page.save_revision(user=world.owner).publish()
    return translation


def prepare_missing_target(world, language):
    """A translation whose target page does not exist: submitted, but its first save failed
    (wagtail-localize's submit view suppresses that ValidationError), or deleted by anything
    that leaves the record behind. A sync with "publish" creates that page, live."""
    source_page = world.news(OTHER[language], title="Matrix source", slug="matrix-source")
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    return Translation.objects.create(source=source, target_locale=world.locale(language))


def sync(client, translation, publish_translations=False):
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    data = {"publish_translations": "on"} if publish_translations else {}
    return post(client, url, data)


def target_state(translation):
    target = Page.objects.filter(
        translation_key=translation.source.object_id, locale=translation.target_locale_id
    ).first()
    synced = TranslationSource.objects.get(pk=translation.source_id).last_updated_at
    return synced, target and page_state(target)


def po_download_shows(response, translation):
    return response.status_code == 200 and "msgid" in response.content.decode()


def po_upload(client, translation):
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"[{translation.target_locale.language_code}] {entry.msgid}"
    upload = SimpleUploadedFile("matrix.po", str(po).encode(), content_type="text/x-gettext")
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    return post(client, url, {"file": upload, "next": "/admin/"}, form_url="/admin/")


def string_translations_state(translation):
    return sorted(
        StringTranslation.objects.filter(
            locale=translation.target_locale_id, context__object_id=translation.source.object_id
        ).values_list("data", flat=True)
    )


def snippets_api(model, detail=False):
    def request(client, instance):
        args = [model._meta.app_label, model._meta.model_name]
        if detail:
            return client.get(
                reverse("wagtail_localize:snippets_api_detail", args=[*args, instance.pk])
            )
        return client.get(reverse("wagtail_localize:snippets_api_listing", args=args))

    return request


def shows_name(response, instance):
    return response.status_code == 200 and instance.name in response.content.decode()


def prepare_report_request(world, language):
    """A reader's request for a report: their name and e-mail address."""
    return ReportRequest.objects.create(
        page=ClusterLabelPage.objects.filter(locale__language_code=language).first(),
        name="Reader Matrix",
        email="reader.matrix@example.org",
        language=language,
    )


def report_requests_admin(client, request):
    return client.get(reverse("wagtailsnippets_pages_reportrequest:list"))


def bulk(action, data=None):
    def request(client, page):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return post(client, f"{url}?id={page.pk}", data(page) if data else {})

    return request


def prepare_pending_draft(world, language):
    page = world.news(language)
    page.title = "Pending draft"
    page.save_revision(user=world.owner)
    return page


def bulk_move(client, pages):
    moved, destination = pages
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
    return post(client, f"{url}?id={moved.pk}", {"chooser": destination.pk})


def person_form(**fields):
    return {"name": "Matrix person", "role": "", "organisation": "", "photo": "", **fields}


def snippet_create(client, language):
    url = reverse("wagtailsnippets_snippets_person:add") + f"?locale={language}"
    return post(client, url, person_form(name="Created person", locale=language))


def people_state(language):
    return Person.objects.filter(name="Created person", locale__language_code=language).count()


def snippet_edit(client, person):
    url = reverse("wagtailsnippets_snippets_person:edit", args=[person.pk])
    return post(client, url, person_form(name="Edited person"))


def snippet_delete(client, person):
    return post(client, reverse("wagtailsnippets_snippets_person:delete", args=[person.pk]))


def snippet_state(instance):
    found = type(instance).objects.filter(pk=instance.pk).first()
    return found and found.name


def prepare_topic(world, language):
    return Topic.objects.create(name_bg="Матрица", name_en="Matrix", slug="matrix"), language


def topic_form(topic, **fields):
    return {"name_bg": topic.name_bg, "name_en": topic.name_en, "slug": topic.slug,
            "kind": topic.kind, **fields}  # fmt: skip


def topic_name(client, topic_and_language):
    topic, language = topic_and_language
    url = reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk])
    return post(client, url, topic_form(topic, **{f"name_{language}": "Renamed"}))


def topic_slug(client, topic_and_language):
    topic, _language = topic_and_language
    url = reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk])
    return post(client, url, topic_form(topic, slug="matrix-renamed"))


def topic_add(client, _language):
    url = reverse("wagtailsnippets_snippets_topic:add")
    return post(client, url, {"name_bg": "Нова", "name_en": "New", "slug": "matrix-new",
                              "kind": "theme"})  # fmt: skip


def topic_delete(client, topic_and_language):
    topic, _language = topic_and_language
    return post(client, reverse("wagtailsnippets_snippets_topic:delete", args=[topic.pk]))


def topic_state(topic_and_language):
    topic, _language = topic_and_language
    return Topic.objects.filter(pk=topic.pk).values_list("name_bg", "name_en", "slug").first()


def png(colour) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (12, 12), colour).save(out, format="PNG")
    return out.getvalue()


def prepare_image(world, _language):
    return get_image_model().objects.create(
        title="Matrix image",
        file=SimpleUploadedFile("matrix.png", png((0, 51, 153)), content_type="image/png"),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=world.owner,
    )


def prepare_document(world, _language):
    return get_document_model().objects.create(
        title="Matrix document",
        file=SimpleUploadedFile("matrix.txt", b"first version\n", content_type="text/plain"),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=world.owner,
    )


def media_form(item, file):
    return {"title": item.title, "collection": item.collection_id, "tags": "", "file": file}


def image_replace(client, image):
    new_file = SimpleUploadedFile("other.png", png((200, 0, 0)), content_type="image/png")
    return post(client, reverse("wagtailimages:edit", args=[image.pk]), media_form(image, new_file))


def document_replace(client, document):
    new_file = SimpleUploadedFile("other.txt", b"replaced\n", content_type="text/plain")
    url = reverse("wagtaildocs:edit", args=[document.pk])
    return post(client, url, media_form(document, new_file))


def image_upload(client, _target):
    new_file = SimpleUploadedFile("new.png", png((0, 200, 0)), content_type="image/png")
    return post(client, reverse("wagtailimages:add"), {"title": "Matrix upload", "file": new_file})


def document_upload(client, _target):
    new_file = SimpleUploadedFile("new.txt", b"new\n", content_type="text/plain")
    return post(client, reverse("wagtaildocs:add"), {"title": "Matrix upload", "file": new_file})


def uploads_state(model):
    return lambda _target: model.objects.filter(title="Matrix upload").count()


@dataclass
class Action:
    prepare: Callable  # (world, language) -> target
    perform: Callable  # (client, target) -> response
    state: Callable = None  # target -> what the action changes
    shows: Callable = None  # (response, target) -> bool, for actions that only read


def language_only(_world, language):
    return language


ACTIONS = {
    "edit": Action(lambda w, lang: w.news(lang), edit, page_state),
    "publish": Action(lambda w, lang: w.news(lang), publish, live_state),
    "unpublish": Action(lambda w, lang: w.news(lang), unpublish, page_state),
    "delete": Action(lambda w, lang: w.news(lang), delete, page_state),
    "move": Action(lambda w, lang: w.standard_pair(lang), move, lambda p: page_state(p[0])),
    "copy": Action(lambda w, lang: w.news(lang), copy, lambda p: copies(p).count()),
    "copy_and_publish": Action(
        lambda w, lang: w.news(lang),
        lambda c, p: copy(c, p, publish_copies=True),
        lambda p: copies(p).filter(live=True).count(),
    ),
    "revert": Action(prepare_revert, revert, page_state),
    "history": Action(
        lambda w, lang: w.news(lang),
        lambda c, p: c.get(reverse("wagtailadmin_pages:history", args=[p.pk])),
        shows=history_shows,
    ),
    "submit_translation": Action(
        lambda w, lang: w.news(OTHER[lang]), submit_translation, translations_state
    ),
    "convert_to_alias": Action(prepare_translated_page, convert_to_alias, page_state),
    "sync": Action(prepare_changed_source, sync, target_state),
    "sync_and_publish": Action(
        prepare_changed_source, lambda c, t: sync(c, t, publish_translations=True), target_state
    ),
    "sync_and_publish_missing": Action(
        prepare_missing_target, lambda c, t: sync(c, t, publish_translations=True), target_state
    ),
    "po_download": Action(
        lambda w, lang: w.translation_into(lang),
        lambda c, t: c.get(reverse("wagtail_localize:download_pofile", args=[t.pk])),
        shows=po_download_shows,
    ),
    "po_upload": Action(
        lambda w, lang: w.translation_into(lang), po_upload, string_translations_state
    ),
    "snippets_api_list": Action(
        lambda w, lang: w.person(lang), snippets_api(Person), shows=shows_name
    ),
    "snippets_api_detail": Action(
        lambda w, lang: w.person(lang), snippets_api(Person, detail=True), shows=shows_name
    ),
    "snippets_api_report_requests": Action(
        prepare_report_request, snippets_api(ReportRequest), shows=shows_name
    ),
    "snippets_api_report_request": Action(
        prepare_report_request, snippets_api(ReportRequest, detail=True), shows=shows_name
    ),
    "report_requests_admin": Action(
        prepare_report_request, report_requests_admin, shows=shows_name
    ),
    "bulk_publish": Action(prepare_pending_draft, bulk("publish"), live_state),
    "bulk_unpublish": Action(lambda w, lang: w.news(lang), bulk("unpublish"), page_state),
    "bulk_delete": Action(lambda w, lang: w.news(lang), bulk("delete"), page_state),
    "bulk_move": Action(
        lambda w, lang: w.standard_pair(lang), bulk_move, lambda p: page_state(p[0])
    ),
    "snippet_create": Action(language_only, snippet_create, people_state),
    "snippet_edit": Action(lambda w, lang: w.person(lang), snippet_edit, snippet_state),
    "snippet_delete": Action(lambda w, lang: w.person(lang), snippet_delete, snippet_state),
    "topic_name": Action(prepare_topic, topic_name, topic_state),
    "topic_slug": Action(prepare_topic, topic_slug, topic_state),
    "topic_add": Action(
        language_only, topic_add, lambda _lang: Topic.objects.filter(slug="matrix-new").count()
    ),
    "topic_delete": Action(prepare_topic, topic_delete, topic_state),
    "image_upload": Action(language_only, image_upload, uploads_state(get_image_model())),
    "image_replace": Action(
        prepare_image, image_replace, lambda i: file_state(get_image_model(), i.pk)
    ),
    "image_delete": Action(
        prepare_image,
        lambda c, i: post(c, reverse("wagtailimages:delete", args=[i.pk])),
        lambda i: file_state(get_image_model(), i.pk),
    ),
    "document_upload": Action(language_only, document_upload, uploads_state(get_document_model())),
    "document_replace": Action(
        prepare_document, document_replace, lambda d: file_state(get_document_model(), d.pk)
    ),
    "document_delete": Action(
        prepare_document,
        lambda c, d: post(c, reverse("wagtaildocs:delete", args=[d.pk])),
        lambda d: file_state(get_document_model(), d.pk),
    ),
}
assert set(ACTIONS) == set(EXPECTED)


# Actions on what has no language (topics, media, report requests) run once per role.
WITHOUT_LANGUAGE = {"snippets_api_report_requests", "snippets_api_report_request",
                    "report_requests_admin", "topic_slug", "topic_add", "topic_delete",
                    "image_upload", "image_replace", "image_delete", "document_upload",
                    "document_replace", "document_delete"}  # fmt: skip


def matrix_cases():
    cases = []
    for action in EXPECTED:
        for role in ROLES:
            for language in ("bg",) if action in WITHOUT_LANGUAGE else ("bg", "en"):
                label = "" if action in WITHOUT_LANGUAGE else f"-{language}"
                cases.append(pytest.param(action, role, language,
                                          id=f"{action}-{role}{label}"))  # fmt: skip
    return cases


@pytest.mark.parametrize(("action", "role", "language"), matrix_cases())
def test_permission_matrix(world, action, role, language):
    step = ACTIONS[action]
    target = step.prepare(world, language)
    client = signed_in(role)
    before = step.state(target) if step.state else None
    with world.capture(execute=True):
        response = step.perform(client, target)
    assert response.status_code < 500, response.status_code
    happened = step.shows(response, target) if step.shows else step.state(target) != before
    assert happened is is_allowed(action, role, language), (response.status_code, before)


def test_a_translator_cannot_preview_or_compare_the_other_languages_drafts(world):
    draft = NewsPage(title="Draft en", slug="draft-en", live=False)
    NewsIndexPage.objects.get(locale__language_code="en").add_child(instance=draft)
    revision = draft.save_revision()
    client = signed_in("translator_bg")
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]))
    assert preview.status_code in (302, 403, 404, 405)
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, "live", revision.pk])
    )
    assert compare.status_code in (302, 403, 404)


def test_translation_editor_strings_are_confined_to_the_translators_language(world):
    from wagtail_localize.models import StringSegment

    organisation = Organisation.objects.get(name="Matrix member", locale__language_code="en")
    source = TranslationSource.objects.get(object_id=organisation.translation_key)
    translation = Translation.objects.get(source=source, target_locale__language_code="bg")
    segment = StringSegment.objects.filter(source=source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    for role, allowed in (("translator_en", False), ("translator_bg", True)):
        client = signed_in(role)
        client.get(reverse("wagtailadmin_account"))
        token = client.cookies["csrftoken"].value
        response = client.delete(url, HTTP_X_CSRFTOKEN=token)  # as the editor's script does
        assert (response.status_code not in (302, 403)) is allowed, (role, response.status_code)


def test_converting_a_live_translation_into_an_alias_refreshes_its_cached_page(world, client):
    """The converted page shows the source's text at once, not the cached translation."""
    target = world.translation_into("bg", title="Matrix source").get_target_instance()
    target.title = "Преведена новина"
    with world.capture(execute=True):
        target.save_revision(user=world.owner).publish()
    target.refresh_from_db()  # its Latin slug follows the new title
    client.get(target.url)
    cached = client.get(target.url)
    assert cached.headers.get("X-Cache") == "HIT" and "Преведена новина" in cached.content.decode()

    moderator = signed_in("moderator")
    with world.capture(execute=True):
        response = post(moderator, reverse("wagtail_localize:convert_to_alias", args=[target.pk]))
    assert response.status_code == 302
    fresh = client.get(target.url).content.decode()
    assert "Matrix source" in fresh and "Преведена новина" not in fresh
