"""The PO command pair for translators who work on a whole language in Poedit."""

import io

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringTranslation, Translation


def test_export_then_import_a_whole_language(tmp_path, locales):
    out = io.StringIO()
    call_command("export_locale_po", "bg", str(tmp_path), stdout=out)
    files = sorted(tmp_path.glob("*.po"))
    assert len(files) == Translation.objects.filter(target_locale=locales[0]).count()
    assert "[1/" in out.getvalue()
    po = polib.pofile(str(files[0]))
    entry = po.translated_entries()[0]
    entry.msgstr = "Преведено в Poedit"
    po.save(str(files[0]))
    call_command("import_locale_po", str(tmp_path), stdout=io.StringIO())
    assert StringTranslation.objects.filter(data="Преведено в Poedit").exists()


def test_a_bad_file_is_refused_and_the_rest_imported(tmp_path, locales):
    call_command("export_locale_po", "bg", str(tmp_path), stdout=io.StringIO())
    good = sorted(tmp_path.glob("*.po"))[0]
    po = polib.pofile(str(good))
    po.translated_entries()[0].msgstr = "Добър файл"
    po.save(str(good))
    (tmp_path / "zz-broken.po").write_text('msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_locale_po", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "zz-broken.po: refused" in err.getvalue()
    assert StringTranslation.objects.filter(data="Добър файл").exists()


def test_unknown_language_is_an_error(tmp_path, db):
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("export_locale_po", "xx", str(tmp_path))
