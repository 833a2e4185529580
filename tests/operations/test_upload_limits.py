"""Upload limits in the admin: files too big, decompression bombs, many-frame GIFs (Wagtail counts
WAGTAILIMAGES_MAX_IMAGE_PIXELS as width x height x frames, wagtail/images/fields.py), SVG (not
allowed: it can carry scripts), HTML documents and files that are not what they claim. Each is a
clear form error (or the multiple uploader's JSON error), never a 500, and leaves no Image or
Document row behind."""

import io
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.users.models import UserProfile

from operations.storage_errors import StorageCheckedImageForm

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def png(size=(10, 10), colour=(0, 51, 153)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's
    disguise): the IHDR chunk rewritten, with its checksum."""
    data = bytearray(png((1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    body = bytes(data[ihdr : ihdr + 17])  # type, width, height and five one-byte fields
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(body))
    return bytes(data)


def gif_with_frames(frames: int, size=(1000, 1000)) -> bytes:
    """An animated GIF of ``frames`` plain frames, each another colour (Pillow merges equal
    frames), a few kilobytes whatever its size."""
    images = [PILImage.new("RGB", size, (n * 5 % 256, 0, 255 - n * 5 % 256)) for n in range(frames)]
    out = io.BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=50)
    return out.getvalue()


def truncated_png() -> bytes:
    """A PNG whose header is sound but whose pixel data stops short."""
    data = png((400, 300))
    idat = data.index(b"IDAT")
    return data[: idat + 20]


def text_of(response) -> str:
    """The page as the editor reads it (messages in the language it was rendered in)."""
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def counts(db):
    """Image and document rows before the test, to compare after."""
    return get_image_model().objects.count(), get_document_model().objects.count()


def assert_nothing_saved(counts):
    assert (get_image_model().objects.count(), get_document_model().objects.count()) == counts


def post_image(admin_client, name, content, content_type="image/png"):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": upload(name, content, content_type)},
    )


def post_images_multiple(admin_client, name, content, content_type="image/png"):
    return admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload(name, content, content_type)}
    )


BAD_IMAGES = {
    "oversized": (
        "big.png",
        lambda: png() + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        "This file is too big",
    ),
    "decompression-bomb": ("bomb.png", lambda: png_declaring(20_000, 20_000), "too many pixels"),
    "over-the-pixel-limit": ("wide.png", lambda: png((7_000, 6_000)), "too many pixels"),
    "many-frame-gif": ("frames.gif", lambda: gif_with_frames(50), "too many pixels"),
    "svg-with-script": ("evil.svg", lambda: SVG_WITH_SCRIPT, "Not a supported image format"),
    "svg-named-png": ("evil.png", lambda: SVG_WITH_SCRIPT, "Not a valid .png image"),
    "text-named-jpg": ("photo.jpg", lambda: b"just some text, not a photo", "Upload a valid image"),
    "png-named-jpg": ("photo.jpg", lambda: png(), "Not a valid .jpeg image"),
    "html-named-gif": (
        "page.gif",
        lambda: b"<html><body><script>alert(1)</script></body></html>",
        "Not a valid .gif image",
    ),
    "truncated": ("cut.png", truncated_png, "Upload a valid image"),
    "header-only-bomb": ("wide.png", lambda: png_declaring(8_000, 8_000), "Upload a valid image"),
    "empty": ("empty.png", lambda: b"", "The submitted file is empty"),
}


def test_the_limits_are_configured():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert not {"html", "htm", "svg", "js", "xhtml", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_a_fifty_frame_gif_counts_its_frames(db):
    """The GIF's single frame is well under the limit: only frames x pixels exceeds it."""
    with PILImage.open(io.BytesIO(gif_with_frames(50))) as gif:
        assert gif.n_frames == 50
        assert gif.width * gif.height < settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        assert gif.width * gif.height * gif.n_frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


@pytest.mark.parametrize("case", BAD_IMAGES, ids=list(BAD_IMAGES))
def test_a_bad_image_is_a_form_error_in_the_single_uploader(admin_client, counts, case):
    name, content, message = BAD_IMAGES[case]
    response = post_image(admin_client, name, content())
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert message in text_of(response)
    assert_nothing_saved(counts)


@pytest.mark.parametrize("case", BAD_IMAGES, ids=list(BAD_IMAGES))
def test_a_bad_image_is_refused_by_the_multiple_uploader(admin_client, counts, case):
    name, content, message = BAD_IMAGES[case]
    response = post_images_multiple(admin_client, name, content())
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        data = response.json()
        assert data["success"] is False
        assert message in data["error_message"]
    assert_nothing_saved(counts)


def test_a_good_gif_with_a_few_frames_is_accepted(admin_client, counts):
    response = post_image(admin_client, "ok.gif", gif_with_frames(3, size=(200, 200)))
    assert response.status_code == 302
    assert get_image_model().objects.count() == counts[0] + 1


def test_the_image_error_follows_the_admins_language(admin_client, counts):
    UserProfile.objects.filter(user__username="admin-en").update(preferred_language="bg")
    response = post_image(admin_client, "cut.png", truncated_png())
    assert response.status_code == 200
    assert "Качете валидно изображение" in text_of(response)
    assert_nothing_saved(counts)


BAD_DOCUMENTS = {
    "html": ("page.html", b"<html><script>alert(1)</script></html>", "File extension"),
    "htm": ("page.htm", b"<html></html>", "File extension"),
    "double-extension": ("report.pdf.html", b"<html></html>", "File extension"),
    "svg": ("drawing.svg", SVG_WITH_SCRIPT, "File extension"),
    "javascript": ("script.js", b"alert(1)", "File extension"),
    "no-extension": ("README", b"text", "File extension"),
    "empty": ("empty.pdf", b"", "The submitted file is empty"),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_a_bad_document_is_a_form_error(admin_client, counts, case):
    name, content, message = BAD_DOCUMENTS[case]
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Document", "file": upload(name, content)}
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert message in text_of(response)
    assert_nothing_saved(counts)


@pytest.mark.parametrize("case", ["html", "svg", "javascript"])
def test_a_bad_document_is_refused_by_the_multiple_uploader(admin_client, counts, case):
    name, content, message = BAD_DOCUMENTS[case]
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": upload(name, content)}
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert_nothing_saved(counts)


def test_an_oversized_document_is_a_form_error(admin_client, counts):
    content = b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Big", "file": upload("big.pdf", content)}
    )
    assert response.status_code == 200
    assert "This file is too big" in text_of(response)
    assert_nothing_saved(counts)


def test_a_post_without_a_file_is_not_a_500(admin_client, counts):
    assert admin_client.post(reverse("wagtailimages:add_multiple"), {}).status_code == 400
    assert admin_client.post(reverse("wagtaildocs:add_multiple"), {}).status_code == 400
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "No file"})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert_nothing_saved(counts)


def test_the_image_form_still_stores_files_while_validating():
    assert issubclass(get_image_form(get_image_model()), StorageCheckedImageForm)
