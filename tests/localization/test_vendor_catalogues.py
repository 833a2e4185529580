"""The Bulgarian catalogues of installed apps (locale/vendor/) and their CI check (issue 15)."""

import io
import json

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from localization import catalogues
from localization.catalogue_glossary import check_catalogue, parse_glossary

GLOSSARY = settings.BASE_DIR / "docs" / "glossary.md"


def test_vendor_catalogue_wins_over_the_package_for_python_strings():
    with translation.override("bg"):
        assert translation.gettext("Sync translated pages") == "Синхронизирай преведените страници"
        assert translation.gettext("Tags") == "Етикети"


def test_translation_editor_speaks_bulgarian(client, db):
    """wagtail-localize's React editor reads its texts from its JavaScript catalogue."""
    editor = get_user_model().objects.create_superuser("bg-editor", "bg@example.org", "pw")
    client.force_login(editor)
    response = client.get("/admin/localize/jsi18n/")
    assert response.status_code == 200
    catalogue = response.content.decode()  # JavaScript, its strings JSON-escaped
    for text in ("Изтегли PO файл", "Качете преведения PO файл, за да изпратите преводите"):
        assert json.dumps(text) in catalogue


def test_check_catalogues_reports_every_app_and_passes():
    out = io.StringIO()
    call_command("check_catalogues", stdout=out)
    report = out.getvalue()
    for row in ("wagtail_localize (djangojs)", "wagtail (django)", "wagtail.images (django)"):
        assert row in report
    assert "all checks passed" in report


def test_check_catalogues_fails_below_the_threshold_and_names_the_app():
    """Without our vendor catalogues, the packages' own Bulgarian is far below the threshold."""
    with (
        override_settings(LOCALE_PATHS=[settings.BASE_DIR / "locale"], CATALOGUE_MIN_COVERAGE=0.5),
        pytest.raises(CommandError) as failure,
    ):
        call_command("check_catalogues", stdout=io.StringIO())
    assert "wagtail_localize (djangojs)" in str(failure.value)


def test_lost_placeholder_and_markup_are_caught(tmp_path):
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": catalogues.PLURAL_FORMS,
    }
    po.append(polib.POEntry(msgid="Delete %(title)s", msgstr="Изтрий", flags=["python-format"]))
    po.append(polib.POEntry(msgid="Edit <b>{title}</b>", msgstr="Редактирай <b>{заглавие}"))
    path = tmp_path / "django.po"
    po.save(str(path))

    assert "format specification for argument 'title'" in catalogues.msgfmt_errors(path)
    failures = dict(catalogues.pofilter_failures(path))
    assert "printf" in failures["Delete %(title)s"]
    assert {"pythonbraceformat", "xmltags"} <= set(failures["Edit <b>{title}</b>"])


def test_glossary_check_tolerates_inflection_and_fails_on_ruled_out_terms():
    terms = parse_glossary(GLOSSARY)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Snippets", msgstr="Откъси от код"))
    po.append(polib.POEntry(msgid="Revisions", msgstr="Версии"))
    po.append(polib.POEntry(msgid="Delete pages", msgstr="Изтрий страниците"))
    po.append(polib.POEntry(msgid="Compare revisions", msgstr="Сравни ревизиите"))

    violations, _warnings = check_catalogue(po, terms)

    assert {finding.msgid for finding in violations} == {"Snippets", "Compare revisions"}


def test_messages_vendor_lists_new_messages_after_an_upgrade(tmp_path):
    """A vendor catalogue made for an older release: the gone message is dropped, the new one
    added untranslated and listed."""
    old = polib.POFile()
    old.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    old.append(polib.POEntry(msgid="A message the package no longer has", msgstr="Стар текст"))
    target = tmp_path / "locale" / "vendor" / "wagtail.search" / "bg" / "LC_MESSAGES"
    target.mkdir(parents=True)
    old.save(str(target / "django.po"))

    out = io.StringIO()
    with override_settings(BASE_DIR=tmp_path):
        call_command("update_vendor_catalogues", "wagtail.search", verbosity=2, stdout=out)

    merged = polib.pofile(str(target / "django.po"))
    assert [entry.msgid for entry in merged] == ["Wagtail search"]
    assert merged.metadata["Plural-Forms"] == catalogues.PLURAL_FORMS
    assert "1 untranslated" in out.getvalue()
    assert "Wagtail search" in out.getvalue()
