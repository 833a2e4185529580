"""Machine-translation pre-fill against a fake LibreTranslate (and DeepL) server on loopback:
the setting from the environment (off by default), the editor's button filling the segments,
marked as unconfirmed machine translation until a translator confirms them, counted in the
status report, checked like every translation, and never published unconfirmed."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import override
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation

from config.settings.machine_translation import LIBRETRANSLATE, machine_translator
from localization import machine_translation
from localization.models import GlossaryTerm
from localization.quality.translation_checks import report_for
from localization.status import page_rows
from tests.localization.test_translation_memory import english_page, start_translation
from tests.localization.translation_servers import FakeTranslationServer

SENTENCE = "The cluster opens a new laboratory in Sofia."
SENTENCE_BG = "Клъстерът открива нова лаборатория в София."
CALL = "The call funds 40 projects."
CALL_WITHOUT_NUMBER = "Поканата финансира проекти."  # the machine dropped the 40
TRANSLATIONS = {SENTENCE: SENTENCE_BG, CALL: "Поканата финансира 40 проекта."}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def libretranslate():
    with FakeTranslationServer(TRANSLATIONS, api_key="skc-key") as server:
        setting = machine_translator(
            {
                "MT_ENGINE": "libretranslate",
                "LIBRETRANSLATE_URL": server.url + "/",
                "LIBRETRANSLATE_API_KEY": "skc-key",
            }
        )
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=setting):
            yield server


def machine_translate(client, translation):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )


def rows_of(translation):
    return {
        row.translation_of.data: row
        for row in StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).select_related("translation_of")
    }


def confirm(client, translation, row, value=None):
    segment = StringSegment.objects.get(
        source=translation.source, string_id=row.translation_of_id, context_id=row.context_id
    )
    url = reverse("localization_edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, f"value={value or row.data}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200


def machine_count(page):
    [row] = page_rows(type(page).objects.filter(translation_key=page.translation_key))
    return row.machine.get("bg", 0)


def test_the_setting_comes_from_the_environment_and_is_off_by_default():
    assert machine_translator({}) is None
    assert machine_translator(
        {"MT_ENGINE": "libretranslate", "LIBRETRANSLATE_URL": "http://mt.internal:5000/"}
    ) == {
        "CLASS": LIBRETRANSLATE,
        "OPTIONS": {
            "LIBRETRANSLATE_URL": "http://mt.internal:5000",
            "API_KEY": "",
            "TIMEOUT": 30,
        },
    }
    deepl = machine_translator(
        {
            "MT_ENGINE": "DeepL",
            "DEEPL_AUTH_KEY": "key:fx",
            "DEEPL_GLOSSARY_IDS": "EN-BG:g1, bg-en:g2",
            "MT_TIMEOUT": "5",
        }
    )
    assert deepl == {
        "CLASS": "localization.machine_translation.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": "key:fx",
            "TIMEOUT": 5,
            "GLOSSARY_IDS": {("EN", "BG"): "g1", ("BG", "EN"): "g2"},
        },
    }
    for broken in [
        {"MT_ENGINE": "libretranslate"},
        {"MT_ENGINE": "deepl"},
        {"MT_ENGINE": "google"},
        {"MT_ENGINE": "deepl", "DEEPL_AUTH_KEY": "k", "DEEPL_GLOSSARY_IDS": "EN:g1"},
    ]:
        with pytest.raises(ImproperlyConfigured):
            machine_translator(broken)


def test_the_base_settings_read_the_environment():
    code = "import config.settings.base as s; print(s.WAGTAILLOCALIZE_MACHINE_TRANSLATOR)"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MT_")}
    found = {}
    for engine in ["", "libretranslate"]:
        environment.update(MT_ENGINE=engine, LIBRETRANSLATE_URL="http://127.0.0.1:5000")
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        found[engine] = result.stdout.strip()
    assert found[""] == "None"
    assert "LibreTranslator" in found["libretranslate"]
    assert "http://127.0.0.1:5000" in found["libretranslate"]


def test_without_an_engine_there_is_no_machine_translation(locales, admin_client):
    assert get_machine_translator() is None
    translation = start_translation(english_page(locales, "off", SENTENCE), locales[0])
    target = translation.get_target_instance()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert editor.status_code == 200
    assert "&quot;machineTranslator&quot;: null" in editor.content.decode()
    response = machine_translate(admin_client, translation)
    # wagtail-localize's 404, which Django's LocaleMiddleware turns into a redirect to /bg/…
    assert response.status_code == 404 or response["Location"].startswith("/bg/admin/")
    assert not rows_of(translation)


def test_the_button_fills_the_segments_from_the_server_marked_unconfirmed(
    locales, admin_client, libretranslate
):
    page = english_page(locales, "mt", SENTENCE, CALL)
    translation = start_translation(page, locales[0])
    target = translation.get_target_instance()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert "Translate with " not in editor.content.decode()  # the React app writes the button
    assert "&quot;name&quot;: &quot;LibreTranslate&quot;" in editor.content.decode()

    assert machine_translate(admin_client, translation).status_code == 302
    [(path, sent)] = libretranslate.received
    assert path == "/translate"
    assert (sent["source"], sent["target"], sent["api_key"]) == ("en", "bg", "skc-key")
    assert SENTENCE in sent["q"] and CALL in sent["q"]

    rows = rows_of(translation)
    assert rows[SENTENCE].data == SENTENCE_BG
    assert {row.translation_type for row in rows.values()} == {"machine"}
    assert {row.tool_name for row in rows.values()} == {"LibreTranslate"}
    assert machine_translation.unconfirmed_machine(translation).count() == len(rows)
    assert machine_count(page) == len(rows)
    with override("bg"):
        assert "машинен превод, непотвърден" in rows[SENTENCE].get_comment()

    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    html = editor.content.decode()
    assert "data-machine-translation" in html
    assert "segments were machine-translated and wait for a translator" in html
    assert SENTENCE_BG in html

    for row in rows.values():
        confirm(admin_client, translation, row)
    assert machine_translation.unconfirmed_machine(translation).count() == 0
    assert machine_count(page) == 0
    assert rows_of(translation)[SENTENCE].translation_type == "manual"
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert "data-machine-translation" not in editor.content.decode()


def test_the_checks_run_over_machine_output(locales, admin_client, libretranslate):
    libretranslate.translations[CALL] = CALL_WITHOUT_NUMBER
    translation = start_translation(english_page(locales, "mt-numbers", CALL), locales[0])
    machine_translate(admin_client, translation)
    report = report_for(translation)
    [error] = report.errors
    assert error.code == "numbers" and "40" in error.message
    assert [s.target for s in report.segments if error in s.findings] == [CALL_WITHOUT_NUMBER]


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_waits_until_every_machine_segment_is_confirmed(
    locales, admin_client, libretranslate, django_capture_on_commit_callbacks
):
    page = english_page(locales, "mt-publish", SENTENCE)
    translation = start_translation(page, locales[0])
    target = translation.get_target_instance()
    machine_translate(admin_client, translation)
    rows = list(rows_of(translation).values())
    edit = reverse("wagtailadmin_pages:edit", args=[target.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == edit
    refusal = message_texts(response)[-1]
    assert refusal.startswith(f"Publishing is refused: {len(rows)} machine-translated segments")
    target.refresh_from_db()
    assert not target.live

    confirm(admin_client, translation, rows[0])
    for row in rows[1:]:
        confirm(admin_client, translation, row, value=row.data.removeprefix("[bg] "))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(edit, {"action": "publish"})
    target.refresh_from_db()
    assert target.live


def test_a_sync_may_not_machine_translate_and_publish_at_once(
    locales, admin_client, libretranslate
):
    translation = start_translation(english_page(locales, "mt-sync", SENTENCE), locales[0])
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    response = admin_client.post(
        url, {"use_machine_translation": "on", "publish_translations": "on"}
    )
    assert response.status_code == 302
    assert "without publishing" in message_texts(response)[0]
    assert not libretranslate.received
    assert not translation.get_target_instance().live


def test_deepl_gets_our_glossary_and_uses_it(locales, admin_client):
    GlossaryTerm.objects.create(english="living  lab", bulgarian="жива\tлаборатория")
    with FakeTranslationServer(TRANSLATIONS) as server:
        environment = {
            "MT_ENGINE": "deepl",
            "DEEPL_AUTH_KEY": "skc-deepl",
            "DEEPL_API_URL": server.url,
        }
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=machine_translator(environment)):
            call_command("deepl_glossary", stdout=(output := io.StringIO()))
        assert output.getvalue().strip() == "DEEPL_GLOSSARY_IDS=EN-BG:glossary-1,BG-EN:glossary-2"
        english_bulgarian = server.glossaries["glossary-1"]
        assert english_bulgarian["source_lang"] == ["EN"]
        assert english_bulgarian["target_lang"] == ["BG"]
        [entries] = english_bulgarian["entries"]
        assert "living lab\tжива лаборатория" in entries.split("\n")
        assert len(entries.split("\n")) == GlossaryTerm.objects.count()
        [entries] = server.glossaries["glossary-2"]["entries"]
        assert "жива лаборатория\tliving lab" in entries.split("\n")

        environment["DEEPL_GLOSSARY_IDS"] = output.getvalue().strip().split("=", 1)[1]
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=machine_translator(environment)):
            translation = start_translation(english_page(locales, "deepl", SENTENCE), locales[0])
            assert machine_translate(admin_client, translation).status_code == 302
        path, sent = server.received[-1]
        assert path == "/v2/translate"
        assert sent["glossary_id"] == ["glossary-1"]
        assert (sent["source_lang"], sent["target_lang"]) == (["EN"], ["BG"])
        assert rows_of(translation)[SENTENCE].tool_name == "DeepL"
        assert machine_translation.unconfirmed_machine(translation).exists()


def test_a_failing_engine_is_reported_and_fills_nothing(locales, admin_client, libretranslate):
    libretranslate.api_key = "another-key"  # the server refuses ours
    translation = start_translation(english_page(locales, "mt-refused", SENTENCE), locales[0])
    response = machine_translate(admin_client, translation)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "nothing was translated" in message_texts(response)[-1]
    assert not rows_of(translation)


def test_a_sync_with_a_failing_engine_is_reported_and_changes_nothing(
    locales, admin_client, libretranslate
):
    page = english_page(locales, "mt-sync-refused", SENTENCE)
    translation = start_translation(page, locales[0])
    page.intro = "A new introduction."
    page.save_revision().publish()
    libretranslate.api_key = "another-key"  # the server refuses ours
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    response = admin_client.post(url, {"use_machine_translation": "on"})
    assert response.status_code == 302
    assert "nothing was translated" in message_texts(response)[-1]
    assert libretranslate.received
    assert not rows_of(translation)
