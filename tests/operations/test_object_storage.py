"""Media on S3-compatible object storage, against a real S3 API server on loopback (moto's
standalone server, a subprocess), with the storages production.py configures
(config/object_storage.py): admin uploads land in the bucket, renditions are generated into it,
documents are streamed through Wagtail's privacy checks; with the storage down, an upload gives
the editor a clear form error and saves nothing; and the production settings switch all of it on
from the environment."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import wagtail_factories
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition, get_rendition_storage
from wagtail.models import Collection, CollectionViewRestriction

from config.object_storage import s3_storages
from operations.storage_errors import STORAGE_ERROR_MESSAGE
from tests.conftest import S3_ACCESS, S3_REGION
from tests.factories import NewsPageFactory, bilingual_site
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
ACCESS, REGION = S3_ACCESS, S3_REGION


def png_bytes(size=(300, 200), colour=(0, 51, 153)):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def use_object_storage(settings, monkeypatch, endpoint, bucket):
    """The production storages (production.py's "Media storage" block) on ``endpoint``."""
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket_name=bucket,
            endpoint_url=endpoint,
            region_name=REGION,
            access_key=ACCESS["aws_access_key_id"],
            secret_key=ACCESS["aws_secret_access_key"],
        ),
    }
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    # Django resolves a callable storage once, when the model is defined: re-resolve it here.
    monkeypatch.setattr(Rendition._meta.get_field("file"), "storage", get_rendition_storage())


@pytest.fixture
def s3(s3_endpoint):
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **ACCESS)


@pytest.fixture
def bucket(s3_endpoint, s3, settings, monkeypatch):
    """A new private bucket, and the site's media storages on it."""
    name = f"skc-media-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    use_object_storage(settings, monkeypatch, s3_endpoint, name)
    return name


@pytest.fixture
def news_item(db):
    """A published English news item on a bilingual site (tests/factories.py), and the EU
    emblem as an image in the local media storage, not yet drawn in any size."""
    pages = bilingual_site()
    image = wagtail_factories.ImageFactory(title="EU emblem")
    return NewsPageFactory(parent=pages["en"]["news"], title="Funded by the EU"), image


@pytest.fixture
def storage_down(settings, monkeypatch):
    """The storages pointed at a loopback port where nothing listens."""
    use_object_storage(settings, monkeypatch, f"http://127.0.0.1:{free_port()}", "skc-media")


def error_message_in_english():
    """The admin_client's admin speaks English."""
    with translation.override("en"):
        return str(STORAGE_ERROR_MESSAGE)


def keys_in(s3, bucket):
    listing = s3.list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def upload_image(admin_client, title, content):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(f"{title}.png", content, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def upload_document(admin_client, title, content, collection):
    return admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(f"{title}.pdf", content, content_type="application/pdf"),
            "collection": collection.pk,
            "tags": "",
        },
    )


def test_admin_image_upload_is_stored_in_the_bucket_with_its_renditions(
    admin_client, bucket, s3, s3_endpoint
):
    content = png_bytes()
    response = upload_image(admin_client, "sofia-tech-park", content)
    assert response.status_code == 302, response.content.decode()[:2000]

    image = get_image_model().objects.get(title="sofia-tech-park")
    assert image.file.name.startswith("original_images/sofia-tech-park")
    assert image.file.name in keys_in(s3, bucket)
    assert (image.width, image.height, image.file_size) == (300, 200, len(content))
    with default_storage.open(image.file.name, "rb") as stored:
        assert stored.read() == content
    # Originals are private: their URL is signed.
    assert "X-Amz-Signature=" in image.file.url

    rendition = image.get_rendition("fill-120x80")
    assert rendition.file.name.startswith("images/")
    assert rendition.file.name in keys_in(s3, bucket)
    with storages["renditions"].open(rendition.file.name, "rb") as stored:
        assert PILImage.open(stored).size == (120, 80)
    # Renditions get plain URLs, which browsers and a CDN can cache.
    assert rendition.url == f"{s3_endpoint}/{bucket}/{rendition.file.name}"
    stored = s3.head_object(Bucket=bucket, Key=rendition.file.name)
    assert stored["CacheControl"] == "public, max-age=86400"
    assert stored["ContentType"] == "image/png"


def test_documents_are_served_through_the_privacy_checks(admin_client, bucket, s3):
    root = Collection.get_first_root_node()
    members_only = root.add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=members_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    content = b"%PDF-1.4\n% Sofia Knowledge City annual report\n%%EOF\n"
    response = upload_document(admin_client, "annual-report", content, members_only)
    assert response.status_code == 302, response.content.decode()[:2000]

    document = get_document_model().objects.get(title="annual-report")
    assert document.file.name in keys_in(s3, bucket)
    # Pages link Wagtail's view, never the bucket.
    assert document.url.startswith("/documents/")

    anonymous = Client().get(document.url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]

    served = admin_client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content


def test_image_upload_with_the_storage_down_is_a_form_error(admin_client, storage_down):
    images = get_image_model().objects.count()
    response = upload_image(admin_client, "unstored", png_bytes())
    assert response.status_code == 200
    assert error_message_in_english() in response.content.decode()
    assert get_image_model().objects.count() == images


def test_multiple_upload_with_the_storage_down_reports_the_error(admin_client, storage_down):
    images = get_image_model().objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("unstored.png", png_bytes(), content_type="image/png")},
    )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": error_message_in_english()}
    assert get_image_model().objects.count() == images


def test_document_upload_with_the_storage_down_is_a_form_error(admin_client, storage_down):
    documents = get_document_model().objects.count()
    root = Collection.get_first_root_node()
    response = upload_document(admin_client, "unstored", b"%PDF-1.4\n%%EOF\n", root)
    assert response.status_code == 200
    assert error_message_in_english() in response.content.decode()
    assert get_document_model().objects.count() == documents


PRODUCTION_MEDIA_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "storages": {alias: entry["BACKEND"] for alias, entry in settings.STORAGES.items()},
    "bucket": settings.STORAGES["default"]["OPTIONS"]["bucket_name"],
    "rendition_storage": settings.WAGTAILIMAGES_RENDITION_STORAGE,
    "documents": settings.WAGTAILDOCS_SERVE_METHOD,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def test_production_settings_with_a_bucket_keep_media_there():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-secret-key-for-this-settings-test-only-0123456789",
        "ALLOWED_HOSTS": "www.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://www.example.org",
        "WAGTAILADMIN_BASE_URL": "https://www.example.org",
        "AWS_STORAGE_BUCKET_NAME": "skc-media",
        "AWS_S3_ENDPOINT_URL": "http://minio:9000",
        "AWS_ACCESS_KEY_ID": "skc",
        "AWS_SECRET_ACCESS_KEY": "skc-secret",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRODUCTION_MEDIA_SETTINGS}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    media = json.loads(result.stdout.strip().splitlines()[-1])
    assert media["storages"]["default"] == media["storages"]["renditions"]
    assert media["storages"]["default"] == "storages.backends.s3.S3Storage"
    assert media["bucket"] == "skc-media"
    assert (media["rendition_storage"], media["documents"]) == ("renditions", "serve_view")
    for img_src in (media["img_src"], media["admin_img_src"]):
        assert {"https://media.example.org", "http://minio:9000"} <= set(img_src)

    without_secret = {**env, "AWS_SECRET_ACCESS_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=without_secret,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "AWS_SECRET_ACCESS_KEY is required" in result.stderr


def test_a_page_needing_a_new_rendition_with_the_storage_down_is_a_503(
    client, news_item, storage_down
):
    """A news item shows a picture whose rendition is not in the (unreachable) storage, so the
    page cannot be drawn now: a reader gets a 503 with Retry-After, not a 500."""
    page, emblem = news_item
    page.image = emblem
    page.image_alt_text = "The flag of the European Union"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in response.content.decode()
