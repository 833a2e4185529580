"""A finished subtree translation job as one XLIFF 1.2 file (one <file> per translation): it
round-trips; a file of another job or with broken markup is refused with nothing written; newer
editor work in any of its pages is listed before anything is replaced."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from wagtail_localize.models import StringTranslation, Translation

from localization import job_actions, xliff
from pages.models import StandardPage

from .test_subtree_job_actions import job  # noqa: F401 (a fixture)
from .test_translation_memory import SENTENCE, UNRELATED, published_memory  # noqa: F401
from .test_xliff import NS, as_cat_tool_writes

SENTENCE_XLIFF = "Клъстерът открива лаборатория в София."
UNRELATED_XLIFF = "Записването за зимното училище приключва в петък."
FILLED = {SENTENCE: SENTENCE_XLIFF, UNRELATED: UNRELATED_XLIFF}


@pytest.fixture
def subtree_job(job):  # noqa: F811
    """A finished job: "Members" and three pages below it translated into Bulgarian."""
    return job


def download(client, subtree_job) -> bytes:
    response = client.get(reverse("localization_download_job_xliff", args=[subtree_job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml"
    return response.content


def upload(client, subtree_job, data: bytes):
    return client.post(
        reverse("localization_upload_job_xliff", args=[subtree_job.pk]),
        {"file": SimpleUploadedFile("subtree.xlf", data)},
    )


def from_file(locale):
    return StringTranslation.objects.filter(locale=locale, tool_name=xliff.XLIFF_TOOL_NAME)


def last_message(response):
    return [str(m.message) for m in get_messages(response.wsgi_request)][-1]


def test_the_jobs_xliff_file_round_trips_one_file_element_per_translation(
    admin_client, locales, subtree_job
):
    bg = locales[0]
    listing = admin_client.get(reverse("localization_translation_jobs")).content.decode()
    assert reverse("localization_download_job_xliff", args=[subtree_job.pk]) in listing
    assert reverse("localization_upload_job_xliff", args=[subtree_job.pk]) in listing

    exported = download(admin_client, subtree_job)

    files = etree.fromstring(exported).findall("x:file", NS)
    pages = StandardPage.objects.filter(locale=bg, title__startswith="Members")
    translations = Translation.objects.filter(
        source__object_id__in=pages.values("translation_key"), target_locale=bg
    )
    assert len(files) == 4 == translations.count()
    assert {f.get("original") for f in files} == {
        f"wagtail-localize/{t.uuid}" for t in translations
    }
    for file_element in files:
        assert xliff.file_properties(file_element)[job_actions.JOB_PROP_TYPE] == str(subtree_job.pk)

    response = upload(admin_client, subtree_job, as_cat_tool_writes(exported, FILLED))

    assert response.status_code == 302
    assert last_message(response) == "The translations in the XLIFF file were imported."
    saved = sorted(from_file(bg).values_list("translation_of__data", "data"))
    assert saved == sorted([(SENTENCE, SENTENCE_XLIFF)] * 2 + [(UNRELATED, UNRELATED_XLIFF)] * 3)
    again = download(admin_client, subtree_job).decode()
    assert again.count(f'state="translated" xml:lang="bg">{SENTENCE_XLIFF}<') == 2


def test_a_file_of_another_job_or_translation_is_refused_with_nothing_written(
    admin_client, locales, subtree_job
):
    exported = as_cat_tool_writes(download(admin_client, subtree_job), FILLED)
    other_job = exported.replace(
        f'prop-type="{job_actions.JOB_PROP_TYPE}">{subtree_job.pk}<'.encode(),
        f'prop-type="{job_actions.JOB_PROP_TYPE}">{subtree_job.pk + 1}<'.encode(),
    )
    page = StandardPage.objects.get(locale=locales[0], title="Members 1")
    one_translation = admin_client.get(
        reverse(
            "localization_download_xliff",
            args=[Translation.objects.get(source__object_id=page.translation_key).pk],
        )
    ).content

    for data in (other_job, as_cat_tool_writes(one_translation, FILLED)):
        response = upload(admin_client, subtree_job, data)
        assert response.status_code == 302
        assert last_message(response) == (
            "This XLIFF file is not this subtree translation's file. Nothing was imported."
        )
    assert not from_file(locales[0]).exists()


def test_broken_markup_in_one_page_refuses_the_whole_file(admin_client, locales, subtree_job):
    broken = {**FILLED, SENTENCE: f'{SENTENCE_XLIFF} <g id="9">липсва</g>'}

    response = upload(
        admin_client, subtree_job, as_cat_tool_writes(download(admin_client, subtree_job), broken)
    )

    assert response.status_code == 302
    assert 'the inline tag <g id="9"> is not in the source' in last_message(response)
    assert not from_file(locales[0]).exists()


def test_newer_editor_work_in_any_page_is_listed_and_replaced_only_after_confirmation(
    admin_client, locales, subtree_job
):
    bg = locales[0]
    exported = download(admin_client, subtree_job)
    page = StandardPage.objects.get(locale=bg, title="Members 1")
    translation = Translation.objects.get(source__object_id=page.translation_key)
    segment = translation.source.stringsegment_set.get(string__data=SENTENCE)
    edited = StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=bg,
        data="Преводачът го промени след изтеглянето.",
        translation_type="manual",
    )

    response = upload(admin_client, subtree_job, as_cat_tool_writes(exported, FILLED))

    assert response.status_code == 200
    listed = response.content.decode()
    assert "The XLIFF file would replace 1 translation" in listed
    assert "Members 1" in listed and "Преводачът го промени след изтеглянето." in listed
    assert not from_file(bg).exists(), "nothing imported, in any page, before the answer"
    token = re.search(r'name="confirm" value="([^"]+)"', listed).group(1)
    fingerprints = dict(re.findall(r'name="(fingerprint-\d+)"\s+value="([^"]+)"', listed))
    assert list(fingerprints) == [f"fingerprint-{translation.pk}"]

    confirmed = admin_client.post(
        reverse("localization_upload_job_xliff", args=[subtree_job.pk]),
        {"confirm": token, **fingerprints},
    )

    assert confirmed.status_code == 302
    edited.refresh_from_db()
    assert (edited.data, edited.tool_name) == (SENTENCE_XLIFF, xliff.XLIFF_TOOL_NAME)
    assert from_file(bg).count() == 5
