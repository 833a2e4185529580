"""The PO command pair for translators who work on a whole language in Poedit."""

import io

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation as django_translation
from wagtail_localize.models import StringTranslation, Translation

from tests.localization.test_po_upload import (
    MSGFMT_ERRORS,
    TITLE,
    broken_po,
    english_news_item_translated_into_bulgarian,
    rows,
    translation_of,
)


def export(directory):
    call_command("export_locale_po", "bg", str(directory), stdout=io.StringIO())
    return sorted(directory.glob("*.po"))


def import_dir(directory, *args):
    out, err = io.StringIO(), io.StringIO()
    with django_translation.override("en"):
        call_command("import_locale_po", str(directory), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(directory, *args) -> str:
    err = io.StringIO()
    with django_translation.override("en"), pytest.raises(CommandError):
        call_command("import_locale_po", str(directory), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def file_of(files, translation):
    return next(path for path in files if path.name.startswith(f"{translation.pk:05d}-"))


@pytest.fixture
def news_item(locales):
    return english_news_item_translated_into_bulgarian(locales)


@pytest.fixture
def translation(news_item, locales):
    """The Bulgarian translation of the English news item."""
    return translation_of(news_item, locales[0])


@pytest.fixture
def news_index_translation(news_item, locales):
    """The Bulgarian translation of the news section (short strings: none looks cut short
    next to "Преведено в Poedit")."""
    return translation_of(news_item.get_parent().specific, locales[0])


def test_export_then_import_a_whole_language(tmp_path, locales, news_index_translation):
    out = io.StringIO()
    call_command("export_locale_po", "bg", str(tmp_path), stdout=out)
    files = sorted(tmp_path.glob("*.po"))
    assert len(files) == Translation.objects.filter(target_locale=locales[0]).count()
    assert "[1/" in out.getvalue()
    ours = file_of(files, news_index_translation)
    po = polib.pofile(str(ours))
    assert "X-SKC-Exported-At" in po.metadata
    entry = po.translated_entries()[0]
    entry.msgstr = "Преведено в Poedit"
    po.save(str(ours))
    import_dir(tmp_path)
    assert StringTranslation.objects.filter(data="Преведено в Poedit").exists()


def test_a_bad_file_is_refused_and_the_rest_imported(tmp_path, news_index_translation):
    good = file_of(export(tmp_path), news_index_translation)
    po = polib.pofile(str(good))
    po.translated_entries()[0].msgstr = "Добър файл"
    po.save(str(good))
    (tmp_path / "zz-broken.po").write_text('msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    assert "zz-broken.po: refused" in refused(tmp_path)
    assert StringTranslation.objects.filter(data="Добър файл").exists()


def test_newer_editor_work_is_refused_and_listed_unless_overwrite(tmp_path, translation):
    path = file_of(export(tmp_path), translation)
    po = polib.pofile(str(path))
    next(e for e in po if e.msgid == TITLE).msgstr = "Заглавие от Poedit"
    po.save(str(path))
    StringTranslation.objects.get(
        translation_of__data=TITLE, locale=translation.target_locale
    ).save()  # saved after the export, as the translation editor does
    for other in tmp_path.glob("*.po"):
        if other != path:
            other.unlink()
    before = rows(translation)
    err = refused(tmp_path)
    assert "--overwrite" in err
    current = StringTranslation.objects.get(
        translation_of__data=TITLE, locale=translation.target_locale
    ).data
    for text in (TITLE, current, "Заглавие от Poedit"):
        assert text in err
    assert rows(translation) == before

    import_dir(tmp_path, "--overwrite")
    assert (
        StringTranslation.objects.get(
            translation_of__data=TITLE, locale=translation.target_locale
        ).data
        == "Заглавие от Poedit"
    )


def test_a_truncated_translation_is_refused_unless_overwrite(tmp_path, translation):
    path = file_of(export(tmp_path), translation)
    for other in tmp_path.glob("*.po"):
        if other != path:
            other.unlink()
    po = polib.pofile(str(path))
    entry = max((e for e in po if e.msgstr), key=lambda e: len(e.msgstr))
    full = entry.msgstr
    entry.msgstr = full[:20]
    po.save(str(path))
    before = rows(translation)
    err = refused(tmp_path)
    assert "cut short" in err and full[:20] in err
    assert rows(translation) == before
    import_dir(tmp_path, "--overwrite")
    assert StringTranslation.objects.filter(data=full[:20]).exists()


@pytest.mark.parametrize("kind", MSGFMT_ERRORS)
def test_a_file_msgfmt_rejects_is_refused_with_its_line(tmp_path, translation, kind):
    (tmp_path / "broken.po").write_bytes(broken_po(translation, kind))
    before = rows(translation)
    err = refused(tmp_path)
    assert f"line {MSGFMT_ERRORS[kind][1]}" in err, err
    assert rows(translation) == before


def test_a_file_whose_content_is_a_path_is_not_read_from_disk(tmp_path, translation):
    real = file_of(export(tmp_path), translation)
    po = polib.pofile(str(real))
    next(e for e in po if e.msgid == TITLE).msgstr = "Прочетено от диска"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    po.save(str(outside / "real.po"))
    for path in tmp_path.glob("*.po"):
        path.unlink()
    (tmp_path / "pointer.po").write_text(str(outside / "real.po"), encoding="utf-8")
    before = rows(translation)
    assert "pointer.po: refused" in refused(tmp_path)
    assert rows(translation) == before


def test_unknown_language_is_an_error(tmp_path, db):
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("export_locale_po", "xx", str(tmp_path))
