"""XLIFF 1.2 exchange of a translation: a file written the way OmegaT/memoQ write it (notes,
``state`` attributes, inline ``<g>``/``<x/>`` for markup) round-trips; wrong, stale or broken
files are refused with nothing changed; newer editor work is listed before it is replaced."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from lxml import etree
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from localization import xliff
from pages.models import NewsIndexPage, NewsPage
from tests.factories import base_news_sections

NS = {"x": xliff.NS}
RICH = (
    '<p>Read the <a href="https://example.org/report">annual <b>report</b></a> now.<br/>'
    "It is <i>free</i>.</p>"
)
PLAIN = "The cluster meets every Tuesday."
RICH_BG = (
    'Прочетете <g id="1" ctype="link">годишния <g id="2" ctype="bold">доклад</g></g> сега.'
    '<x id="3" ctype="lb"/>Безплатен е (<g id="4" ctype="italic">free</g>).'
)
TRANSLATIONS = {
    "Cluster meeting": "Среща на клъстера",
    "Read the": RICH_BG,
    PLAIN: "Клъстерът се събира всеки вторник.",
}


def news_translation(locales, title, slug):
    """A published English news item (in the base site's news section) and its Bulgarian
    translation, started as a draft: the translation."""
    index = NewsIndexPage.objects.filter(locale=locales[1]).first() or base_news_sections()["en"]
    page = NewsPage(title=title, slug=slug, intro=PLAIN, body=[("paragraph", RICH)])
    index.add_child(instance=page)
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales[0])
    translation.save_target(publish=False)
    return translation


@pytest.fixture
def translation(locales):
    return news_translation(locales, "Cluster meeting", "cluster-meeting")


@pytest.fixture
def other_translation(locales, translation):
    """Another English news item's Bulgarian translation (made after ``translation``)."""
    return news_translation(locales, "Members' day", "members-day")


def download(client, translation) -> bytes:
    response = client.get(reverse("localization_download_xliff", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml"
    return response.content


def upload(client, translation, data: bytes, **extra):
    return client.post(
        reverse("localization_upload_xliff", args=[translation.pk]),
        {"file": SimpleUploadedFile("work.xlf", data), "next": "/admin/", **extra},
    )


def units(data: bytes):
    return etree.fromstring(data).findall(".//x:trans-unit", NS)


def inline(element) -> str:
    """The element's content as XML text, without namespace declarations."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    text = re.sub(r' xmlns(:\w+)?="[^"]+"', "", text)
    return re.sub(r"^<[^>]+>|</[^>]+>$", "", text)


def as_cat_tool_writes(data: bytes, translations: dict, *, state="translated") -> bytes:
    """The downloaded file translated the way OmegaT/memoQ save it: pretty-printed, a note and a
    ``state`` on each translated unit, targets with the source's inline ids."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    for unit in root.iterfind(".//x:trans-unit", NS):
        source_text = "".join(unit.find("x:source", NS).itertext())
        for start, target_xml in translations.items():
            if source_text.startswith(start):
                for old in unit.findall("x:target", NS):
                    unit.remove(old)
                target = etree.fromstring(f'<target xmlns="{xliff.NS}">{target_xml}</target>')
                target.set("state", state)
                unit.find("x:source", NS).addnext(target)
                note = etree.SubElement(unit, f"{{{xliff.NS}}}note", {"from": "translator"})
                note.text = "Checked against the glossary."
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def rows(translation):
    return list(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        )
        .order_by("pk")
        .values_list("pk", "data", "updated_at")
    )


def test_the_export_carries_markup_as_inline_tags_and_the_translation_id(admin_client, translation):
    data = download(admin_client, translation)
    root = etree.fromstring(data)
    assert root.get("version") == "1.2"
    file_node = root.find("x:file", NS)
    assert (file_node.get("source-language"), file_node.get("target-language")) == ("en", "bg")
    props = {p.get("prop-type"): p.text for p in root.iterfind(".//x:prop", NS)}
    assert props["translation-id"] == str(translation.uuid)
    sources = [inline(unit.find("x:source", NS)) for unit in units(data)]
    assert (
        'Read the <g id="1" ctype="link">annual <g id="2" ctype="bold">report</g></g> now.'
        '<x id="3" ctype="lb"/>It is <g id="4" ctype="italic">free</g>.'
    ) in sources


def test_a_cat_tool_file_round_trips_through_upload_publish_and_download(
    admin_client, translation, django_capture_on_commit_callbacks
):
    exported = download(admin_client, translation)
    translated = as_cat_tool_writes(exported, TRANSLATIONS)
    response = upload(admin_client, translation, translated)
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    page = NewsPage.objects.get(
        translation_key=translation.source.object_id, locale__language_code="bg"
    )
    assert page.intro == "Клъстерът се събира всеки вторник."
    assert page.title == "Среща на клъстера"
    body = str(page.body[0].value)
    assert '<a href="https://example.org/report">годишния <b>доклад</b></a> сега.<br/>' in body
    assert "Безплатен е (<i>free</i>)." in body
    again = download(admin_client, translation)
    uploaded = {
        u.get("id"): inline(u.find("x:target", NS))
        for u in units(translated)
        if u.find("x:target", NS) is not None
    }
    downloaded = {
        u.get("id"): inline(u.find("x:target", NS))
        for u in units(again)
        if u.find("x:target", NS) is not None
    }
    assert downloaded == uploaded
    assert len(uploaded) == 3


def test_units_still_to_review_or_new_are_not_imported(admin_client, translation):
    exported = download(admin_client, translation)
    translated = as_cat_tool_writes(exported, {PLAIN: "Чернова."}, state="needs-review-translation")
    before = rows(translation)
    upload(admin_client, translation, translated)
    assert rows(translation) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data, other: data.replace(b"</trans-unit>", b"</trans-unit", 1), "not valid XML"),
        (lambda data, other: b"<html><body>hello</body></html>", "not an XLIFF 1.2 file"),
        (
            lambda data, other: data.replace(b"translation-id", b"something-else"),
            "no translation ID",
        ),
        (
            lambda data, other: data.replace(
                str(other[0].uuid).encode(), str(other[1].uuid).encode()
            ),
            "belongs to another translation",
        ),
        (
            lambda data, other: data.replace(
                b"The cluster meets every Tuesday.", b"The cluster met."
            ),
            "no longer in the source",
        ),
        (lambda data, other: b"", "empty"),
        (
            lambda data, other: data.replace(b"<!-- target -->", b"").replace(
                b"</source>", b'</source><target>Bad <g id="99">tag</g></target>', 1
            ),
            "is not in the source",
        ),
        (
            lambda data, other: data.replace(
                b"<?xml version='1.0' encoding='UTF-8'?>",
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            ),
            "document type declaration",
        ),
    ],
    ids=[
        "broken-xml",
        "not-xliff",
        "no-id",
        "other-translation",
        "stale",
        "empty",
        "bad-tag",
        "dtd",
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    admin_client, translation, other_translation, locales, change, message
):
    other_page = (
        NewsPage.objects.exclude(pk=translation.source.get_source_instance().pk)
        .filter(locale=locales[1])
        .first()
    )
    other = Translation.objects.filter(target_locale=locales[0]).exclude(pk=translation.pk).first()
    assert other_page is not None and other is not None
    exported = download(admin_client, translation)
    translated = as_cat_tool_writes(exported, {PLAIN: TRANSLATIONS[PLAIN]})
    before = rows(translation)
    response = upload(admin_client, translation, change(translated, (translation, other)))
    assert response.status_code == 302
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and message in errors[0]
    assert rows(translation) == before


def test_newer_editor_work_is_listed_and_replaced_only_after_confirmation(
    admin_client, translation
):
    exported = download(admin_client, translation)
    translated = as_cat_tool_writes(exported, {PLAIN: "Клъстерът се събира всеки вторник."})
    segment = translation.source.stringsegment_set.get(string__data=PLAIN)
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=translation.target_locale,
        defaults={"data": "Клъстерът заседава всеки вторник.", "translation_type": "manual"},
    )
    response = upload(admin_client, translation, translated)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The XLIFF file would replace 1 translation" in page
    assert "Клъстерът заседава всеки вторник." in page
    current = StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=translation.target_locale
    )
    assert current.data == "Клъстерът заседава всеки вторник."
    token = re.search(r'name="confirm" value="([^"]+)"', page).group(1)
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', page).group(1)
    confirmed = admin_client.post(
        reverse("localization_upload_xliff", args=[translation.pk]),
        {"confirm": token, "fingerprint": fingerprint, "next": "/admin/"},
    )
    assert confirmed.status_code == 302
    current.refresh_from_db()
    assert (current.data, current.tool_name) == ("Клъстерът се събира всеки вторник.", "XLIFF file")


def test_a_whole_language_is_exported_and_imported_by_the_commands(
    translation, tmp_path, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    call_command("export_locale_xliff", "bg", tmp_path, stdout=out)
    files = sorted(tmp_path.glob("*.xlf"))
    assert (
        len(files)
        == Translation.objects.filter(target_locale__language_code="bg", enabled=True).count()
    )
    mine = next(path for path in files if path.name.startswith(f"{translation.pk:05d}-"))
    mine.write_bytes(as_cat_tool_writes(mine.read_bytes(), {PLAIN: TRANSLATIONS[PLAIN]}))
    for path in files:
        if path != mine:
            path.unlink()
    call_command("import_locale_xliff", tmp_path, stdout=io.StringIO())
    segment = translation.source.stringsegment_set.get(string__data=PLAIN)
    assert (
        StringTranslation.objects.get(
            translation_of_id=segment.string_id, locale=translation.target_locale
        ).data
        == TRANSLATIONS[PLAIN]
    )
    mine.write_bytes(mine.read_bytes().replace(b"The cluster meets", b"The cluster met"))
    with pytest.raises(CommandError):
        call_command("import_locale_xliff", tmp_path, stdout=io.StringIO(), stderr=io.StringIO())
