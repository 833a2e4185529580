"""A finished subtree translation job, from the jobs page: every 100% memory match applied to
all its translations at once, for translators of its languages only, with a query count that
does not grow with the segments."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from home.models import HomePage
from localization import job_actions, memory
from localization.models import SubtreeTranslationJob
from pages.models import StandardPage

from .test_translation_memory import (
    SENTENCE,
    SENTENCE_BG,
    UNRELATED,
    paragraphs,
    published_memory,  # noqa: F401 (a fixture)
)

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def english_section(locales, *children_texts, title="Members"):
    """A live English section with a page below it per entry of ``children_texts``."""
    home = HomePage.objects.get(locale=locales[1])
    section = StandardPage(title=title, slug=title.lower(), body=paragraphs(UNRELATED))
    home.add_child(instance=section)
    section.save_revision().publish()
    for number, texts in enumerate(children_texts):
        child = StandardPage(title=f"{title} {number}", slug=f"{title.lower()}-{number}")
        child.body = paragraphs(*texts)
        section.add_child(instance=child)
        child.save_revision().publish()
    return section


def translated_subtree(client, section, locale) -> SubtreeTranslationJob:
    """The editor's "Translate" with "Include subtree", run at once (immediate task backend)."""
    url = reverse("wagtail_localize:submit_page_translation", args=[section.pk])
    response = client.post(url, {"locales": [locale.pk], "include_subtree": "on"})
    assert response.status_code == 302
    return SubtreeTranslationJob.objects.get(page=section)


def rows_from_memory(locale):
    return StringTranslation.objects.filter(locale=locale, tool_name=memory.MEMORY_TOOL_NAME)


def apply(client, job):
    return client.post(reverse("localization_apply_memory_to_job", args=[job.pk]))


@pytest.fixture
def job(admin_client, locales, published_memory, settings):  # noqa: F811
    settings.TASKS = IMMEDIATE_TASKS
    section = english_section(locales, [SENTENCE, UNRELATED], [SENTENCE], [UNRELATED])
    job = translated_subtree(admin_client, section, locales[0])
    assert job.status == "done"
    return job


def test_the_jobs_page_applies_every_exact_match_of_the_job_and_says_how_many(
    admin_client, locales, job
):
    listing = admin_client.get(reverse("localization_translation_jobs")).content.decode()
    assert reverse("localization_apply_memory_to_job", args=[job.pk]) in listing
    bg = locales[0]
    response = apply(admin_client, job)

    assert response.status_code == 302
    shown = [str(m.message) for m in get_messages(response.wsgi_request)]
    assert "2 segments on 2 pages were pre-filled from translation memory" in shown[0]
    prefilled = rows_from_memory(bg)
    assert sorted(prefilled.values_list("data", flat=True)) == [SENTENCE_BG, SENTENCE_BG]
    assert {row.translation_of.data for row in prefilled} == {SENTENCE}
    assert not StringTranslation.objects.filter(translation_of__data=UNRELATED, locale=bg).exists()
    # Marked as pre-filled (what the editor's panel lists until a translator confirms them).
    pages = StandardPage.objects.filter(locale=bg, title__startswith="Members ")
    counted = sum(
        memory.unconfirmed_prefilled(Translation.objects.get(
            source__object_id=page.translation_key, target_locale=bg
        )).count()
        for page in pages
    )  # fmt: skip
    assert counted == 2

    again = apply(admin_client, job)
    shown = [str(m.message) for m in get_messages(again.wsgi_request)]
    assert shown[-1] == "No segment without translation has a 100% match."
    assert rows_from_memory(bg).count() == 2


def test_a_translators_own_work_is_never_replaced(admin_client, locales, job):
    bg = locales[0]
    page = StandardPage.objects.get(locale=bg, title="Members 1")
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=bg)
    segment = translation.source.stringsegment_set.get(string__data=SENTENCE)
    StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=bg,
        data="Преводачът го преведе сам.",
        translation_type="manual",
    )

    apply(admin_client, job)

    kept = StringTranslation.objects.get(
        translation_of_id=segment.string_id, context_id=segment.context_id, locale=bg
    )
    assert (kept.data, kept.tool_name) == ("Преводачът го преведе сам.", "")
    assert rows_from_memory(bg).count() == 1


@pytest.fixture
def translator(db):
    def make(group):
        user = get_user_model().objects.create_user(f"t-{group[-2:]}", "t@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.create(user=user, preferred_language="en")
        return user

    return make


def test_only_translators_into_the_jobs_language_may_apply(
    client, translator, locales, job, settings
):
    job.requested_by = translator("Translators EN")
    job.save()
    client.force_login(job.requested_by)
    listing = client.get(reverse("localization_translation_jobs")).content.decode()
    assert f'data-job="{job.pk}"' in listing  # their own job, shown...
    assert reverse("localization_apply_memory_to_job", args=[job.pk]) not in listing  # no action
    response = apply(client, job)
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # PermissionDenied
    assert not rows_from_memory(locales[0]).exists()


def test_an_unfinished_job_offers_nothing(admin_client, locales, job):
    SubtreeTranslationJob.objects.filter(pk=job.pk).update(status="running")
    assert apply(admin_client, job)["Location"] == "/admin/"
    assert not rows_from_memory(locales[0]).exists()


@pytest.mark.usefixtures("published_memory")
def test_the_query_count_grows_with_pages_not_with_segments(
    admin_client, locales, settings, django_assert_max_num_queries
):
    settings.TASKS = IMMEDIATE_TASKS
    many = [f"{SENTENCE} Paragraph {n}." for n in range(60)] + [SENTENCE]
    section = english_section(locales, many, [*many[:5], SENTENCE], title="Reports")
    job = translated_subtree(admin_client, section, locales[0])
    admin = get_user_model().objects.get(is_superuser=True)

    with django_assert_max_num_queries(30 + 5 * 3):
        translations, _left_out = job_actions.job_translations(admin, job)
        prefilled = memory.prefill_exact_matches(translations, user=admin)

    assert (prefilled.segments, prefilled.translations) == (2, 2)
