"""Who may change topics, images and documents (issue 14, item 6), tried through the admin's URLs
with a signed-in session and its CSRF token, as each role set up by ``setup_roles``.

- Topics (one row, both languages): Editors and Moderators add, change and delete them; a
  translator changes only the name in their own language, and whatever else they post is ignored.
- Images and documents: translators upload and choose; they may correct the title, alt text and
  tags of what they uploaded themselves, but only Editors and Moderators replace a file or delete.
"""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile
from wagtail_factories import DocumentFactory, ImageFactory

from snippets.models import Topic

ROLES = {
    "editor": "Editors",
    "moderator": "Moderators",
    "translator_bg": "Translators BG",
    "translator_en": "Translators EN",
}
TRANSLATOR_LANGUAGE = {"translator_bg": "bg", "translator_en": "en"}


@pytest.fixture
def users(db):
    made = {}
    for username, group in ROLES.items():
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.create(user=user, preferred_language="en")
        made[username] = user
    return made


def signed_in(user) -> Client:
    """A client that checks CSRF as the browser's session does, signed in as ``user``."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # sets the CSRF cookie
    return client


def post(client, url, data):
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def refused(response) -> bool:
    """Wagtail's admin answers a permission error with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in ("/admin/", "/admin")
    )


# Topics


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        name_bg="Слънчева енергия", name_en="Solar energy", slug="solar-energy", kind="sector"
    )


def topic_fields(topic):
    topic.refresh_from_db()
    return {
        "name_bg": topic.name_bg,
        "name_en": topic.name_en,
        "slug": topic.slug,
        "kind": topic.kind,
    }


EVERY_FIELD_CHANGED = {
    "name_bg": "Соларна енергия",
    "name_en": "Solar power",
    "slug": "solar-power",
    "kind": "theme",
}


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_changes_only_the_topic_name_in_their_language(users, topic, role):
    language = TRANSLATOR_LANGUAGE[role]
    before = topic_fields(topic)
    client = signed_in(users[role])
    url = reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk])
    response = post(client, url, EVERY_FIELD_CHANGED)
    assert response.status_code == 302, response.content.decode()[:2000]
    own_name = f"name_{language}"
    assert topic_fields(topic) == {**before, own_name: EVERY_FIELD_CHANGED[own_name]}


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_sees_the_other_topic_fields_read_only(users, topic, role):
    other = "en" if TRANSLATOR_LANGUAGE[role] == "bg" else "bg"
    page = signed_in(users[role]).get(
        reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="name_{TRANSLATOR_LANGUAGE[role]}"' in html
    for field in (f"name_{other}", "slug", "kind"):
        assert f'name="{field}"' not in html
    for value in (getattr(topic, f"name_{other}"), topic.slug, "Sector"):
        assert value in html


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_cannot_add_or_delete_topics(users, topic, role):
    client = signed_in(users[role])
    count = Topic.objects.count()
    add_url = reverse("wagtailsnippets_snippets_topic:add")
    assert refused(client.get(add_url))
    assert refused(
        post(client, add_url, {"name_bg": "Нова", "name_en": "New", "slug": "new", "kind": "theme"})
    )
    delete_url = reverse("wagtailsnippets_snippets_topic:delete", args=[topic.pk])
    assert refused(post(client, delete_url, {}))
    assert Topic.objects.count() == count
    assert Topic.objects.filter(pk=topic.pk).exists()


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_add_change_and_delete_topics(users, topic, role):
    client = signed_in(users[role])
    response = post(
        client, reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk]), EVERY_FIELD_CHANGED
    )
    assert response.status_code == 302
    assert topic_fields(topic) == EVERY_FIELD_CHANGED

    new = {"name_bg": "Умни градове", "name_en": "Smart cities", "slug": "smart-x", "kind": "theme"}
    response = post(client, reverse("wagtailsnippets_snippets_topic:add"), new)
    assert response.status_code == 302
    assert topic_fields(Topic.objects.get(slug="smart-x")) == new

    response = post(client, reverse("wagtailsnippets_snippets_topic:delete", args=[topic.pk]), {})
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()


# Images and documents


def png(colour) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (12, 8), colour).save(out, format="PNG")
    return out.getvalue()


def checksum(item) -> str:
    item.refresh_from_db()
    with item.file.open("rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


@pytest.fixture
def media_of(users):
    """An image and a document uploaded by the given role (``None``: by nobody, as the seed's)."""
    root = Collection.get_first_root_node()

    def made(role):
        owner = users[role] if role else None
        image = ImageFactory(collection=root, uploaded_by_user=owner, title="Photo")
        document = DocumentFactory(
            collection=root, uploaded_by_user=owner, title="Leaflet", file__filename="leaflet.pdf"
        )
        return image, document

    return made


def replace_image(client, image, title="Photo, corrected"):
    return post(
        client,
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": title,
            "file": SimpleUploadedFile("replaced.png", png((200, 0, 0)), content_type="image/png"),
            "description": "A red square",
            "collection": image.collection_id,
            "tags": "",
        },
    )


def replace_document(client, document, title="Leaflet, corrected"):
    return post(
        client,
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": title,
            "file": SimpleUploadedFile("replaced.txt", b"Replaced", content_type="text/plain"),
            "collection": document.collection_id,
            "tags": "",
        },
    )


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_cannot_edit_or_delete_someone_elses_image_or_document(users, media_of, role):
    client = signed_in(users[role])
    for owner in (None, "editor"):
        image, document = media_of(owner)
        before = checksum(image), checksum(document)
        assert refused(replace_image(client, image))
        assert refused(replace_document(client, document))
        assert refused(post(client, reverse("wagtailimages:delete", args=[image.pk]), {}))
        assert refused(post(client, reverse("wagtaildocs:delete", args=[document.pk]), {}))
        assert (checksum(image), checksum(document)) == before
        assert (image.title, document.title) == ("Photo", "Leaflet")


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_corrects_their_uploads_details_but_cannot_replace_the_file(
    users, media_of, role
):
    client = signed_in(users[role])
    image, document = media_of(role)
    before = (image.file.name, checksum(image)), (document.file.name, checksum(document))
    assert replace_image(client, image).status_code == 302
    assert replace_document(client, document).status_code == 302
    assert (image.file.name, checksum(image)) == before[0]
    assert (document.file.name, checksum(document)) == before[1]
    assert (image.title, image.description) == ("Photo, corrected", "A red square")
    assert document.title == "Leaflet, corrected"


DELETE_WAYS = ["delete view", "multiple uploader", "bulk action"]


def delete_urls(way, image, document):
    """The admin addresses that delete ``image`` and ``document`` in one of the ways the admin
    offers: their own delete views, the multiple uploader's, the listing's bulk action."""
    if way == "delete view":
        return [
            reverse("wagtailimages:delete", args=[image.pk]),
            reverse("wagtaildocs:delete", args=[document.pk]),
        ]
    if way == "multiple uploader":
        return [
            reverse("wagtailimages:delete_multiple", args=[image.pk]),
            reverse("wagtaildocs:delete_multiple", args=[document.pk]),
        ]
    bulk = "wagtail_bulk_action"
    return [
        reverse(bulk, args=["wagtailimages", "image", "delete"]) + f"?id={image.pk}",
        reverse(bulk, args=["wagtaildocs", "document", "delete"]) + f"?id={document.pk}",
    ]


def still_there(image, document) -> tuple[bool, bool]:
    return (
        get_image_model().objects.filter(pk=image.pk).exists(),
        get_document_model().objects.filter(pk=document.pk).exists(),
    )


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_cannot_delete_their_own_uploads(users, media_of, role):
    client = signed_in(users[role])
    image, document = media_of(role)
    for way in DELETE_WAYS:
        for url in delete_urls(way, image, document):
            post(client, url, {})
        assert still_there(image, document) == (True, True), way


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_replace_and_delete_any_image_or_document(users, media_of, role):
    client = signed_in(users[role])
    image, document = media_of(None)
    before = checksum(image), checksum(document)
    assert replace_image(client, image).status_code == 302
    assert replace_document(client, document).status_code == 302
    assert checksum(image) == hashlib.sha256(png((200, 0, 0))).hexdigest() != before[0]
    assert checksum(document) == hashlib.sha256(b"Replaced").hexdigest() != before[1]
    for way in DELETE_WAYS:
        image, document = media_of("translator_bg")
        for url in delete_urls(way, image, document):
            assert post(client, url, {}).status_code in (200, 302), (way, url)
        assert still_there(image, document) == (False, False), way


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_uploads_new_images_and_documents(users, role):
    client = signed_in(users[role])
    root = Collection.get_first_root_node()
    image_upload = post(
        client,
        reverse("wagtailimages:add"),
        {
            "title": "Uploaded by a translator",
            "file": SimpleUploadedFile("new.png", png((0, 90, 0)), content_type="image/png"),
            "description": "A green square",
            "collection": root.pk,
            "tags": "",
        },
    )
    document_upload = post(
        client,
        reverse("wagtaildocs:add"),
        {
            "title": "Uploaded by a translator",
            "file": SimpleUploadedFile("new.txt", b"New", content_type="text/plain"),
            "collection": root.pk,
            "tags": "",
        },
    )
    assert image_upload.status_code == document_upload.status_code == 302
    image = get_image_model().objects.get(title="Uploaded by a translator")
    document = get_document_model().objects.get(title="Uploaded by a translator")
    assert image.uploaded_by_user == document.uploaded_by_user == users[role]
    assert checksum(image) == hashlib.sha256(png((0, 90, 0))).hexdigest()


@pytest.mark.parametrize("role", ["translator_bg", "translator_en"])
def test_a_translator_gives_their_multiple_upload_a_title_and_alt_text(users, role):
    """The multiple uploader stores the file, then asks for the details: the second step is an
    edit of the translator's own upload, which stays theirs to make."""
    client = signed_in(users[role])
    upload = post(
        client,
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("hall.png", png((0, 0, 90)), content_type="image/png")},
    )
    assert upload.json()["success"], upload.json()
    image_id = upload.json()["image_id"]
    prefix = f"image-{image_id}"
    details = post(
        client,
        reverse("wagtailimages:edit_multiple", args=[image_id]),
        {
            f"{prefix}-title": "Conference hall",
            f"{prefix}-description": "The hall, seen from the stage",
            f"{prefix}-tags": "",
        },
    )
    assert details.json()["success"], details.json()
    image = get_image_model().objects.get(pk=image_id)
    assert (image.title, image.description) == ("Conference hall", "The hall, seen from the stage")
    assert image.uploaded_by_user == users[role]
