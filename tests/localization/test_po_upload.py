"""PO files through the translation editor: download, upload, and every bad upload refused with
a clear message and nothing changed; newer editor work and truncated values replaced only after
the translator confirms."""

import re
from datetime import datetime
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from tests.conftest import ADMIN_USERNAME
from tests.factories import NewsPageFactory, OrganisationFactory, bilingual_site, translate

# A news item of this module's own (none of its strings is in the seed site, so each string's
# translation here is this item's alone).
TITLE = "Test news item: visits to partner organisations in the United Kingdom"
INTRO = "The test cluster visited partners in four countries."
BODY = (
    "The test cluster visited research institutes, accelerators and technology parks in four "
    "countries to learn how they help their members grow and work across borders."
)
NEWS_ITEM_IN_BULGARIAN = {
    TITLE: "Тестова новина: посещения при партньорски организации в Обединеното кралство",
    INTRO: "Тестовият клъстер посети партньори в четири държави.",
    BODY: "Тестовият клъстер посети научни институти, акселератори и технологични паркове в "
    "четири държави, за да научи как те помагат на членовете си да растат и да работят "
    "отвъд границите.",
}


def translation_of(instance, locale):
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale=locale)


def english_news_item_translated_into_bulgarian(locales):
    """A bilingual site with an English news item (title, intro and a paragraph) translated
    into Bulgarian; the item in English."""
    bg, _en = locales
    site = bilingual_site()
    news_item = NewsPageFactory(
        parent=site["en"]["news"],
        title=TITLE,
        intro=INTRO,
        body=[("paragraph", RichText(f"<p>{BODY}</p>"))],
    )
    translate(news_item, bg, NEWS_ITEM_IN_BULGARIAN)
    return news_item


@pytest.fixture
def news_item(locales):
    return english_news_item_translated_into_bulgarian(locales)


@pytest.fixture
def translation(news_item, locales):
    """The Bulgarian translation of the English news item."""
    return translation_of(news_item, locales[0])


ROW_VALUES = ("data", "translation_type", "tool_name", "last_translated_by_id", "updated_at")


def rows(translation):
    """Every field an import could change, of every string translation of ``translation``."""
    return list(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        )
        .order_by("pk")
        .values_list("pk", "translation_of_id", "context_id", *ROW_VALUES)
    )


def restore(saved_rows):
    """Put back the rows ``rows()`` returned (an import changes data, never keys)."""
    for pk, _string, _context, *values in saved_rows:
        StringTranslation.objects.filter(pk=pk).update(**dict(zip(ROW_VALUES, values, strict=True)))


def current_value(translation, msgid):
    return StringTranslation.objects.get(
        translation_of__data=msgid,
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
    ).data


def download(admin_client, translation) -> polib.POFile:
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def forget_earlier_messages(client):
    """Messages ride in a cookie until a page shows them; each response is read on its own."""
    client.cookies.pop("messages", None)


def post_upload(admin_client, translation, content=None, name="page.po"):
    forget_earlier_messages(admin_client)
    url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
    data = {"next": "/admin/"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    return admin_client.post(url, data)


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def upload(admin_client, translation, content=None, name="page.po"):
    response = post_upload(admin_client, translation, content, name)
    assert response.status_code == 302, "answered with a redirect and a message, never a 500"
    return messages_of(response)


def confirm(admin_client, translation, confirmation_page, **overrides):
    """Post the confirmation form of ``confirmation_page`` as the translator's browser would."""
    html = confirmation_page.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    assert {"confirm", "fingerprint", "next"} <= fields.keys()
    fields.update(overrides)
    forget_earlier_messages(admin_client)
    url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
    return admin_client.post(url, fields)


def editor_translates(admin_client, translation, msgid, value):
    """Save one string in wagtail-localize's translation editor, through its URL."""
    segment = StringSegment.objects.get(source=translation.source, string__data=msgid)
    url = reverse("localization_edit_string_translation", args=[translation.id, segment.id])
    response = admin_client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)


def test_the_download_carries_its_export_time_and_the_last_change(admin_client, translation):
    before = datetime.now().astimezone()
    po = download(admin_client, translation)
    exported_at = datetime.fromisoformat(po.metadata["X-SKC-Exported-At"])
    assert before <= exported_at <= datetime.now().astimezone()
    last_change = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale=translation.target_locale
    ).aggregate(last=Max("updated_at"))["last"]
    assert datetime.fromisoformat(po.metadata["X-SKC-Last-Changed-At"]) == last_change
    assert po.metadata["Language"] == "bg"


def test_a_valid_upload_imports_and_says_it_replaced_editor_work(admin_client, translation):
    po = download(admin_client, translation)
    next(e for e in po if e.msgid == TITLE).msgstr = "Работни срещи в Обединеното кралство"
    result = upload(admin_client, translation, str(po).encode())
    assert ("success", "Successfully imported translations from PO File.") in result
    assert any(level == "warning" and "replaced 1" in text for level, text in result)
    assert current_value(translation, TITLE) == "Работни срещи в Обединеното кралство"


def test_newer_editor_work_is_listed_and_replaced_only_after_confirmation(
    admin_client, translation
):
    po = download(admin_client, translation)
    next(e for e in po if e.msgid == TITLE).msgstr = "Заглавие от Poedit"
    editor_translates(admin_client, translation, TITLE, "Заглавие от редактора")
    before = rows(translation)

    page = post_upload(admin_client, translation, str(po).encode())
    assert page.status_code == 200, "the upload asks before replacing newer work"
    html = page.content.decode()
    for text in (TITLE, "Заглавие от редактора", "Заглавие от Poedit", "Replace"):
        assert text in html
    assert [(r.source_text, r.current, r.incoming) for r in page.context["replacements"]] == [
        (TITLE, "Заглавие от редактора", "Заглавие от Poedit")
    ]
    assert rows(translation) == before, "nothing is written before the translator confirms"

    stale = confirm(admin_client, translation, page, confirm="forged-or-expired")
    assert stale.status_code == 302
    assert any(level == "error" for level, _text in messages_of(stale))
    assert rows(translation) == before

    done = confirm(admin_client, translation, page)
    assert done.status_code == 302
    assert ("success", "Successfully imported translations from PO File.") in messages_of(done)
    assert current_value(translation, TITLE) == "Заглавие от Poedit"

    again = confirm(admin_client, translation, page)
    assert any(level == "error" for level, _text in messages_of(again)), "a token works once"


def test_cancelling_the_confirmation_changes_nothing(admin_client, translation):
    po = download(admin_client, translation)
    next(e for e in po if e.msgid == TITLE).msgstr = "Заглавие от Poedit"
    editor_translates(admin_client, translation, TITLE, "Заглавие от редактора")
    before = rows(translation)
    page = post_upload(admin_client, translation, str(po).encode())
    cancelled = confirm(admin_client, translation, page, cancel="1")
    assert cancelled.status_code == 302
    assert rows(translation) == before
    assert confirm(admin_client, translation, page).status_code == 302
    assert rows(translation) == before, "a cancelled upload cannot be confirmed later"


def test_work_saved_while_the_translator_confirms_is_asked_about_again(admin_client, translation):
    po = download(admin_client, translation)
    entries = [e for e in po if e.msgstr and e.msgid != TITLE]
    next(e for e in po if e.msgid == TITLE).msgstr = "Заглавие от Poedit"
    entries[0].msgstr += " (от Poedit)"
    editor_translates(admin_client, translation, TITLE, "Заглавие от редактора")
    page = post_upload(admin_client, translation, str(po).encode())
    assert len(page.context["replacements"]) == 1
    editor_translates(admin_client, translation, entries[0].msgid, "Още от редактора")
    before = rows(translation)
    second = confirm(admin_client, translation, page)
    assert second.status_code == 200, "the list changed: the translator is asked again"
    assert len(second.context["replacements"]) == 2
    assert rows(translation) == before


def test_a_truncated_translation_is_listed_before_it_is_accepted(admin_client, translation):
    po = download(admin_client, translation)
    entry = max((e for e in po if e.msgstr), key=lambda e: len(e.msgstr))
    full = entry.msgstr
    entry.msgstr = full[: len(full) // 2]
    before = rows(translation)
    page = post_upload(admin_client, translation, str(po).encode())
    assert page.status_code == 200
    [replacement] = page.context["replacements"]
    assert (replacement.current, replacement.incoming) == (full, full[: len(full) // 2])
    assert rows(translation) == before


def test_a_translation_under_a_third_of_the_source_is_listed(admin_client, translation):
    po = download(admin_client, translation)
    entry = next(e for e in po if e.msgid == TITLE)
    entry.msgstr = "Срещи"
    before = rows(translation)
    page = post_upload(admin_client, translation, str(po).encode())
    assert page.status_code == 200
    assert [r.incoming for r in page.context["replacements"]] == ["Срещи"]
    assert rows(translation) == before


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
    '"X-WagtailLocalize-TranslationID: {uuid}\\n"\n{extra}\n'
)
MSGFMT_ERRORS = {
    "unterminated string": ('msgctxt "title"\nmsgid "{title}"\nmsgstr "Работни\n', 9),
    "bad escape": ('msgctxt "title"\nmsgid "{title}"\nmsgstr "Раб\\qотни"\n', 9),
    "duplicate msgid": (
        'msgctxt "title"\nmsgid "{title}"\nmsgstr "А"\n\n'
        'msgctxt "title"\nmsgid "{title}"\nmsgstr "Б"\n',
        12,
    ),
    "mismatched plural forms": (
        'msgctxt "title"\nmsgid "{title}"\nmsgid_plural "{title}s"\nmsgstr[0] "А"\n',
        10,
    ),
    "bad header": ('msgctxt "title"\nmsgid "{title}"\nmsgstr "Работни"\n', 2),
}


def broken_po(translation, kind) -> bytes:
    body, _line = MSGFMT_ERRORS[kind]
    extra = '"Plural-Forms: nplurals=2; plural=(n != ;\\n"\n' if kind == "bad header" else ""
    header = HEADER.format(uuid=translation.uuid, extra=extra)
    return (header + "\n" + body.format(title=TITLE)).encode()


@pytest.mark.parametrize("kind", MSGFMT_ERRORS)
def test_a_file_msgfmt_rejects_is_refused_with_its_line(admin_client, translation, kind):
    before = rows(translation)
    with django_translation.override("en"):
        result = upload(admin_client, translation, broken_po(translation, kind))
    line = MSGFMT_ERRORS[kind][1]
    assert any(level == "error" and f"line {line}" in text for level, text in result), result
    assert rows(translation) == before


def test_the_msgfmt_refusal_is_in_the_translators_language(admin_client, translation):
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    UserProfile.objects.filter(user=user).update(preferred_language="bg")
    result = upload(admin_client, translation, broken_po(translation, "unterminated string"))
    assert any(level == "error" and "ред 9" in text for level, text in result), result


def test_content_that_is_a_path_is_parsed_as_text_not_read_from_disk(
    admin_client, translation, tmp_path
):
    po = download(admin_client, translation)
    next(e for e in po if e.msgid == TITLE).msgstr = "Прочетено от диска"
    on_disk = tmp_path / "real.po"
    po.save(str(on_disk))
    before = rows(translation)
    result = upload(admin_client, translation, str(on_disk).encode())
    assert any(level == "error" for level, _text in result), result
    assert rows(translation) == before
    assert not StringTranslation.objects.filter(data="Прочетено от диска").exists()


ISSUER_NAME = "Test Cluster Experts Network"
ISSUER_DESCRIPTION = (
    "A test network of cluster experts from many countries that gives practical advice to the "
    "organisations that manage clusters."
)
ISSUER_IN_BULGARIAN = {
    ISSUER_NAME: "Тестова мрежа от клъстерни експерти",
    ISSUER_DESCRIPTION: "Тестова мрежа от клъстерни експерти от много държави, която дава "
    "практически съвети на организациите, управляващи клъстери.",
}


def test_every_cut_of_the_last_entry_is_refused_or_imported_whole(admin_client, locales):
    """The file cut at each byte of its last entry: refused with a message, asked about (a
    truncated value), or imported as written; never a translation cut short."""
    organisation = OrganisationFactory(
        kind="issuer",
        name=ISSUER_NAME,
        short_name="TCEN",
        description=ISSUER_DESCRIPTION,
    )
    translate(organisation, locales[0], ISSUER_IN_BULGARIAN)
    translation = translation_of(organisation, locales[0])
    po = download(admin_client, translation)
    last = po[-1]
    assert not last.obsolete and last.msgstr, "the last entry is a live, translated string"
    old_value = last.msgstr
    new_value = (
        "Мрежа от експерти по клъстери от над 30 държави, създадена, за да дава практически "
        "съвети на организациите, които управляват клъстери."
    )
    last.msgstr = new_value
    po.wrapwidth = 78  # as Poedit saves it: the new value spans several lines
    text = str(po).encode()
    start = text.rindex(b'\nmsgctxt "') + 1
    assert text[start:].count(b'\n"') >= 2, "the cut points include whole continuation lines"
    before = rows(translation)
    outcomes = {"refused": 0, "asked": 0, "imported": 0}
    for cut in range(start, len(text) + 1):
        response = post_upload(admin_client, translation, text[:cut])
        value = current_value(translation, last.msgid)
        if response.status_code == 200:
            outcomes["asked"] += 1
            assert value == old_value
            assert rows(translation) == before, cut
            continue
        assert response.status_code == 302, cut
        result = messages_of(response)
        if any(level == "error" for level, _text in result):
            outcomes["refused"] += 1
            assert rows(translation) == before, cut
            continue
        outcomes["imported"] += 1
        assert value in (old_value, new_value), (cut, value)
        restore(before)
    assert outcomes["refused"] > outcomes["asked"] > 0
    assert outcomes["imported"] >= 2, "the whole file, and the file without its last entry"


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
    before = rows(translation)
    result = upload(admin_client, translation, content)
    assert any(level == "error" and message in text for level, text in result), result
    assert rows(translation) == before


def test_a_po_file_of_another_translation_is_refused(admin_client, news_item, translation, locales):
    news_index = news_item.get_parent().specific  # translated by bilingual_site()
    other = translation_of(news_index, locales[0])
    po = download(admin_client, other)
    before = rows(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert ("error", "This PO file belongs to another translation.") in result
    assert rows(translation) == before


def test_strings_no_longer_in_the_source_are_refused(admin_client, translation):
    po = download(admin_client, translation)
    po[0].msgstr = "Нов превод"
    po.append(
        polib.POEntry(msgid="A sentence that was removed", msgstr="Премахнато", msgctxt="body")
    )
    before = rows(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert any(level == "error" and "no longer in the source" in text for level, text in result)
    assert rows(translation) == before


def test_invalid_markup_is_refused(admin_client, translation):
    po = download(admin_client, translation)
    po[0].msgstr = "<div onclick='x()'>Счупено</div>"
    before = rows(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert any(level == "error" and "markup" in text for level, text in result)
    assert rows(translation) == before


def test_messages_follow_the_translators_admin_language(admin_client, translation):
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    UserProfile.objects.filter(user=user).update(preferred_language="bg")
    result = upload(admin_client, translation, b"")
    assert ("error", "Каченият файл е празен.") in result


def test_without_msgfmt_every_upload_is_refused_and_the_system_check_says_so(
    admin_client, translation, monkeypatch
):
    po = download(admin_client, translation)
    next(e for e in po if e.msgid == TITLE).msgstr = "Непроверено"
    monkeypatch.setenv("PATH", "")
    warnings = [message.id for message in run_checks() if message.id.startswith("localization.")]
    assert warnings == ["localization.W001"]
    before = rows(translation)
    result = upload(admin_client, translation, str(po).encode())
    assert any(level == "error" and "GNU gettext" in text for level, text in result), result
    assert rows(translation) == before
