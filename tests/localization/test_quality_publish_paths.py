"""The other ways a translation gets published run the same checks: wagtail-localize's "Sync
translated pages" with "Publish immediately", our ``translate_with_strings`` and the PO/XLIFF
import commands (which publish nothing, and say what publishing will refuse)."""

import io

import polib
import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import PageLogEntry
from wagtail_localize.models import StringSegment, StringTranslation

from localization.quality.publishing import OVERRIDE_ACTION, PublishingRefused
from localization.translate import translate_with_strings
from tests.localization.conftest import WRONG_TITLE, put_string

CORRECT_TITLE = "Работни срещи на клъстера във Великобритания"
REASON = "Годината е уточнена от автора; английският текст ще бъде поправен."


def sync_and_publish(client, translation):
    url = reverse("localization_update_translations", args=[translation.source_id])
    return client.post(url, {"publish_translations": "on"})


def test_sync_with_publish_leaves_a_translation_with_an_error_a_draft_and_says_why(
    client, users, news, django_capture_on_commit_callbacks
):
    translation, segment, page = news
    live_title = page.title
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, translation)
    assert response.status_code == 302
    [refusal] = [
        str(message)
        for message in get_messages(response.wsgi_request)
        if "не е публикуван" in str(message)
    ]
    assert refusal.startswith("Преводът на български не е публикуван. Публикуването е отказано")
    assert "2019" in refusal
    page.refresh_from_db()
    assert page.title == live_title
    assert page.get_latest_revision().content["title"] == WRONG_TITLE  # kept as a draft

    override = reverse("localization_override_translation_errors", args=[translation.pk])
    client.post(override, {"reason": REASON})
    assert PageLogEntry.objects.filter(page=page, action=OVERRIDE_ACTION).exists()
    with django_capture_on_commit_callbacks(execute=True):
        sync_and_publish(client, translation)
    page.refresh_from_db()
    assert page.title == WRONG_TITLE


def test_sync_with_publish_publishes_a_correct_translation(
    client, users, news, django_capture_on_commit_callbacks
):
    translation, segment, page = news
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, CORRECT_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, translation)
    assert not any(
        "не е публикуван" in str(message) for message in get_messages(response.wsgi_request)
    )
    page.refresh_from_db()
    assert page.title == CORRECT_TITLE


def current_strings(translation):
    """Source text -> the translation's present text, for every string segment."""
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("string")
    )
    return {segment.string.data: segment.translation for segment in segments}


def test_translate_with_strings_refuses_to_publish_an_error_and_saves_nothing(news, locales):
    translation, segment, page = news
    source_page = translation.source.get_source_instance()
    strings = {**current_strings(translation), segment.string.data: WRONG_TITLE}
    with pytest.raises(PublishingRefused) as refused:
        translate_with_strings(source_page, locales[0], strings, slug=page.slug)
    assert "2019" in refused.value.reason
    page.refresh_from_db()
    assert page.title != WRONG_TITLE
    assert not StringTranslation.objects.filter(data=WRONG_TITLE).exists()

    draft = translate_with_strings(source_page, locales[0], strings, slug=page.slug, publish=False)
    assert draft.get_latest_revision().content["title"] == WRONG_TITLE

    strings[segment.string.data] = CORRECT_TITLE
    published = translate_with_strings(source_page, locales[0], strings, slug=page.slug)
    published.refresh_from_db()
    assert published.live and published.title == CORRECT_TITLE


def test_import_locale_po_publishes_nothing_and_lists_the_refusal(tmp_path, news):
    translation, segment, page = news
    live_title = page.title
    call_command("export_locale_po", "bg", str(tmp_path), stdout=io.StringIO())
    [path] = tmp_path.glob(f"{translation.pk:05d}-*.po")
    po = polib.pofile(str(path))
    [entry] = [entry for entry in po if entry.msgid == segment.string.data]
    entry.msgstr = WRONG_TITLE
    po.save(str(path))

    out = io.StringIO()
    with django_translation.override("en"):
        call_command("import_locale_po", str(tmp_path), stdout=out, stderr=io.StringIO())
    line = next(
        line for line in out.getvalue().splitlines() if line.startswith("[") and path.name in line
    )
    assert "imported; Publishing is refused: the translation has 1 error" in line
    assert StringTranslation.objects.filter(data=WRONG_TITLE).exists()
    page.refresh_from_db()
    assert page.title == live_title
