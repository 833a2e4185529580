"""docs/translating.md, "PO файлове (Poedit)" and "Преводна памет и XLIFF файлове", walked in
chromium by the Bulgarian translator whose admin is in Bulgarian: **Изтегли PO файл**, one string
translated in the file, **Качи PO файл**, the translation in the editor; a PO file cut in the middle
of a string is refused with its line and changes nothing. Then **Изтегли XLIFF файл**, a string
translated in the editor after the export, the file's unit for it translated, **Качи XLIFF файл**
and **Качи**: the newer editor work is listed first; **Отказ: не внасяй нищо** keeps it, **Замени
тези преводи** (after the same upload again) replaces it; a cut XLIFF file is refused with its
line and changes nothing.

Screenshots: test-artifacts/files-<n>-<step>.png."""

import re

import polib
import pytest
from lxml import etree
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot, translate_segment

pytestmark = pytest.mark.browser
TITLE, INTRO = "Hedgehog houses in South Park", "Twelve houses are ready for the winter."
BG_TITLE = "Къщички за таралежи в Южния парк"
BG_INTRO_EDITOR = "Дванадесет къщички са готови за зимата."
BG_INTRO_FILE = "Дванадесет къщички вече чакат зимата."
BROKEN = "Счупен превод"
XLIFF = "urn:oasis:names:tc:xliff:document:1.2"


def cut_inside_last(text, value):
    """``text`` up to the middle of the last ``value`` in it (a file whose saving or transfer was
    interrupted there), and the number of its lines."""
    cut = text[: text.rindex(value) + len(value) // 2]
    return cut, cut.count("\n") + 1


def open_panel(panel):
    """Unfold "Преводна памет и XLIFF" (folded after each reload)."""
    if panel.locator("details[open]").count() == 0:
        panel.locator("summary").click()


def upload_xliff(panel, path):
    """The panel's "Качи XLIFF файл" field given ``path``, then "Качи"."""
    open_panel(panel)
    panel.get_by_label("Качи XLIFF файл").set_input_files(path)
    panel.get_by_role("button", name="Качи", exact=True).click()


def test_a_translator_exchanges_po_and_xliff_files_in_the_bulgarian_admin(
    browser, site_url, tmp_path
):
    context, page = log_in(browser, site_url, "bg-translator-bg")
    step = iter(range(1, 100))

    def shot(name, focus=None):
        save_screenshot(page, f"files-{next(step):02d}-{name}", focus)

    page.goto(f"{site_url}/admin/pages/search/?q=Hedgehog&locale=bg")
    page.get_by_role("link", name=re.compile(TITLE)).first.click()
    editor = page.locator(".js-translation-editor")
    messages = page.locator(".messages")

    # PO: download, translate the title in the file, upload.
    with page.expect_download() as download:
        page.get_by_role("link", name="Изтегли PO файл").click()
    po_path = tmp_path / download.value.suggested_filename
    download.value.save_as(po_path)
    assert po_path.suffix == ".po"
    po = polib.pofile(str(po_path))
    next(entry for entry in po if entry.msgid == TITLE).msgstr = BG_TITLE
    po.save()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Качи PO файл").click()
    chooser.value.set_files(po_path)
    expect(messages).to_contain_text("Преводите от PO файла са внесени успешно.")
    expect(editor.get_by_text(BG_TITLE, exact=True)).to_be_visible()
    shot("po-imported", focus=messages)

    # A PO file cut in the middle of a string: refused with its line, nothing changed.
    next(entry for entry in po if entry.msgid == TITLE).msgstr = BROKEN
    next(entry for entry in po if entry.msgid == INTRO).msgstr = BROKEN
    cut, line = cut_inside_last(str(po), BROKEN)
    broken_po = tmp_path / "broken.po"
    broken_po.write_text(cut, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Качи PO файл").click()
    chooser.value.set_files(broken_po)
    expect(messages).to_contain_text(
        f"PO файлът е невалиден на ред {line}: текст не е затворен с кавички"
    )
    expect(messages).to_contain_text("Нищо не е внесено.")
    expect(editor.get_by_text(BG_TITLE, exact=True)).to_be_visible()
    expect(editor.get_by_text(BROKEN)).to_have_count(0)
    shot("po-refused", focus=messages)

    # XLIFF: download; the intro is then translated in the editor (newer than the export).
    panel = page.locator("[data-translation-memory]")
    open_panel(panel)
    with page.expect_download() as download:
        panel.get_by_role("link", name="Изтегли XLIFF файл").click()
    xliff_path = tmp_path / download.value.suggested_filename
    download.value.save_as(xliff_path)
    translate_segment(page, 0, BG_INTRO_EDITOR, language="bg")

    # The file's unit for the intro translated as a CAT tool does; uploaded.
    tree = etree.parse(str(xliff_path))
    unit = next(
        unit
        for unit in tree.iter(f"{{{XLIFF}}}trans-unit")
        if "".join(unit.find(f"{{{XLIFF}}}source").itertext()) == INTRO
    )
    assert unit.find(f"{{{XLIFF}}}target") is None  # not translated when it was exported
    target = etree.SubElement(unit, f"{{{XLIFF}}}target", state="translated")
    target.text = BG_INTRO_FILE
    tree.write(str(xliff_path), xml_declaration=True, encoding="UTF-8")
    heading = page.get_by_role("heading", name="Да се заменят ли тези преводи?")
    row = page.locator("table.listing tbody tr")

    # The editor's newer translation is listed; cancelled, nothing is imported.
    upload_xliff(panel, xliff_path)
    expect(heading).to_be_visible()
    expect(row).to_have_count(1)
    expect(row).to_contain_text(INTRO)
    expect(row).to_contain_text(BG_INTRO_EDITOR)
    expect(row).to_contain_text(BG_INTRO_FILE)
    shot("xliff-confirm")
    page.get_by_role("button", name="Отказ: не внасяй нищо").click()
    expect(messages).to_contain_text("XLIFF файлът не е внесен; нищо не е променено.")
    expect(editor.get_by_text(BG_INTRO_EDITOR, exact=True)).to_be_visible()
    expect(editor.get_by_text(BG_INTRO_FILE)).to_have_count(0)

    # Uploaded again and confirmed: the file's translation replaces the editor's.
    upload_xliff(panel, xliff_path)
    expect(row).to_contain_text(BG_INTRO_FILE)
    page.get_by_role("button", name="Замени тези преводи").click()
    expect(messages).to_contain_text("Преводите от XLIFF файла са внесени.")
    expect(editor.get_by_text(BG_INTRO_FILE, exact=True)).to_be_visible()
    expect(editor.get_by_text(BG_INTRO_EDITOR, exact=True)).to_have_count(0)
    shot("xliff-imported", focus=messages)

    # A cut XLIFF file (every unit translated in it): refused with its line, nothing changed.
    for unit in tree.iter(f"{{{XLIFF}}}trans-unit"):
        if unit.find(f"{{{XLIFF}}}target") is None:
            etree.SubElement(unit, f"{{{XLIFF}}}target", state="translated")
        unit.find(f"{{{XLIFF}}}target").text = BROKEN
    cut, line = cut_inside_last(etree.tostring(tree, encoding="unicode"), BROKEN)
    broken_xliff = tmp_path / "broken.xlf"
    broken_xliff.write_text(cut, encoding="utf-8")
    upload_xliff(panel, broken_xliff)
    expect(messages).to_contain_text(f"XLIFF файлът не е валиден XML на ред {line}:")
    expect(messages).to_contain_text("Нищо не е внесено.")
    expect(editor.get_by_text(BG_INTRO_FILE, exact=True)).to_be_visible()
    expect(editor.get_by_text(BROKEN)).to_have_count(0)
    shot("xliff-refused", focus=messages)
    context.close()
