"""PO files through the translation editor: download, upload, and every bad upload refused with
a clear message and nothing changed."""

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.content.loader import content_key
from pages.models import NewsPage
from tests.conftest import ADMIN_USERNAME


@pytest.fixture
def translation(locales):
    source_page = NewsPage.objects.get(
        translation_key=content_key("page", "news-uk"), locale=locales[1]
    )
    source = TranslationSource.objects.get_for_instance(source_page)
    return Translation.objects.get(source=source, target_locale=locales[0])


def snapshot(translation):
    return sorted(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("translation_of_id", "data")
    )


def download(admin_client, translation) -> polib.POFile:
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def upload(admin_client, translation, content=None, name="page.po"):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
    data = {"next": "/admin/"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    response = admin_client.post(url, data)
    assert response.status_code == 302, "answered with a redirect and a message, never a 500"
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_a_valid_upload_imports_and_says_it_replaced_editor_work(admin_client, translation):
    po = download(admin_client, translation)
    entry = next(
        e
        for e in po
        if e.msgid == "Work meetings of Cluster Sofia Knowledge City in the United Kingdom"
    )
    entry.msgstr = "Работни срещи в Обединеното кралство"
    result = upload(admin_client, translation, str(po).encode())
    assert ("success", "Successfully imported translations from PO File.") in result
    assert any(level == "warning" and "replaced 1" in text for level, text in result)
    assert StringTranslation.objects.filter(data="Работни срещи в Обединеното кралство").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Choose a PO file to upload."),
        (b"", "The uploaded file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a PO file"),
        (b"\x00binary", "This is not a PO file (it contains binary data)."),
        ('msgid "Hello"\nmsgstr "Здравей"\n'.encode(), "has no translation ID"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(admin_client, translation, content, message):
    before = snapshot(translation)
    result = upload(admin_client, translation, content)
    assert any(level == "error" and message in text for level, text in result), result
    assert snapshot(translation) == before


def test_a_po_file_of_another_translation_is_refused(admin_client, translation, locales):
    other = Translation.objects.exclude(pk=translation.pk).filter(target_locale=locales[0]).first()
    po = download(admin_client, other)
    before = snapshot(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert ("error", "This PO file belongs to another translation.") in result
    assert snapshot(translation) == before


def test_strings_no_longer_in_the_source_are_refused(admin_client, translation):
    po = download(admin_client, translation)
    po[0].msgstr = "Нов превод"
    po.append(
        polib.POEntry(msgid="A sentence that was removed", msgstr="Премахнато", msgctxt="body")
    )
    before = snapshot(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert any(level == "error" and "no longer in the source" in text for level, text in result)
    assert snapshot(translation) == before


def test_invalid_markup_is_refused(admin_client, translation):
    po = download(admin_client, translation)
    po[0].msgstr = "<div onclick='x()'>Счупено</div>"
    before = snapshot(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert any(level == "error" and "markup" in text for level, text in result)
    assert snapshot(translation) == before


def test_messages_follow_the_translators_admin_language(admin_client, translation):
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    UserProfile.objects.filter(user=user).update(preferred_language="bg")
    result = upload(admin_client, translation, b"")
    assert ("error", "Каченият файл е празен.") in result
