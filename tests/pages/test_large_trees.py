"""Large trees: a synthetic site generator for benchmarks, and translating a page's subtree in a
background task (django-tasks) instead of the request, with its progress in the admin. The
generator fills the news and events sections of a bilingual site made with wagtail-factories
(tests/factories.py); the subtree is built on the base site's home page."""

import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.redirects.models import Redirect
from wagtail.users.models import UserProfile

from home.models import HomePage
from localization.models import SubtreeTranslationJob
from localization.slugs import latin_slug, transliterate_bg
from localization.tasks import start_subtree_translation
from pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, StandardPage
from sitecontent.management.commands import generate_large_site
from tests.factories import bilingual_site

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASK_PATH = "localization.tasks.translate_subtree"


@pytest.fixture
def sections(locales):
    """News and events sections in both languages for the generator to fill."""
    return bilingual_site()


def generate(**options):
    out = io.StringIO()
    call_command("generate_large_site", stdout=out, **options)
    return out.getvalue()


def generated(model, locale, prefix):
    return model.objects.filter(locale=locale, slug__startswith=f"{prefix}-")


def test_generate_large_site_makes_published_pages_with_progress_and_a_summary(sections, locales):
    en = locales[1]
    output = generate(news=30, events=5, language="en", prefix="t", progress_every=10)

    news = generated(NewsPage, en, "t")
    assert news.count() == 30
    assert generated(EventPage, en, "t").count() == 5
    assert all(p.get_parent().pk == NewsIndexPage.objects.get(locale=en).pk for p in news)
    assert "news: 10/30 created" in output and "news: 30/30 created" in output
    assert "events: 5/5 created" in output
    assert "Generated 35 page(s) in en in" in output
    for page in [*news, *generated(EventPage, en, "t")]:
        assert page.live and not page.has_unpublished_changes
        assert page.first_published_at and page.last_published_at
        assert page.latest_revision_id == page.live_revision_id is not None
        assert page.slug.isascii() and page.intro and page.body
    assert len({p.slug for p in news}) == 30
    assert len({p.title for p in news}) > 20, "titles vary"
    NewsIndexPage.objects.get(locale=en).get_children().get(slug=news[0].slug)  # valid tree


def test_a_rerun_with_the_same_prefix_adds_only_what_is_missing(sections, locales):
    generate(news=4, events=0, prefix="again")
    output = generate(news=6, events=0, prefix="again")
    assert generated(NewsPage, locales[1], "again").count() == 6
    assert "news: 2 created, 4 already there" in output


def test_bulgarian_pages_get_latin_slugs_from_their_titles(sections, locales):
    bg = locales[0]
    generate(news=6, events=3, language="bg", prefix="bg")
    pages = [*generated(NewsPage, bg, "bg"), *generated(EventPage, bg, "bg")]
    assert len(pages) == 9
    for page in pages:
        assert page.slug.endswith(slugify(transliterate_bg(page.title))), page.slug
        assert page.get_parent().specific_class in (NewsIndexPage, EventIndexPage)


def test_the_generators_latin_phrases_follow_the_transliteration_act():
    phrases = [
        *generate_large_site.SUBJECTS,
        *generate_large_site.HEADLINES,
        *generate_large_site.EVENT_FORMATS,
        *(phrase for pair in generate_large_site.CITIES for phrase in pair),
    ]
    for phrase in phrases:
        assert phrase.bg_latin == latin_slug(phrase.bg), phrase


@pytest.fixture
def english_subtree(locales):
    """A live English section with three pages below it (one of them two levels down)."""
    en = locales[1]
    home = HomePage.objects.get(locale=en)
    section = StandardPage(title="Members", slug="members")
    home.add_child(instance=section)
    section.save_revision().publish()
    pages = [section]
    for title, parent in (("Joining", section), ("Fees", section), ("Fee table", None)):
        child = StandardPage(title=title, slug=slugify(title))
        (parent or pages[-1]).add_child(instance=child)
        child.save_revision().publish()
        pages.append(child)
    return pages


def submit_subtree(client, page, locale):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale.pk], "include_subtree": "on"})


def run_worker(monkeypatch):
    """Run django-tasks-db's worker until the queue is empty, in the test's transaction (as the
    test client does, without closing the connection between tasks)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_submitting_a_subtree_answers_at_once_and_queues_the_rest(
    admin_client, english_subtree, locales, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    bg = locales[0]
    section, *below = english_subtree

    response = submit_subtree(admin_client, section, bg)

    assert response.status_code == 302
    assert section.has_translation(bg), "the page itself is translated in the request"
    assert not any(page.has_translation(bg) for page in below), "the rest is not"
    job = SubtreeTranslationJob.objects.get(page=section)
    assert (job.status, job.total, job.done) == ("queued", 3, 0)
    assert list(job.locales.all()) == [bg]
    queued = DBTaskResult.objects.get(id=job.task_result_id)
    assert (queued.task_path, queued.status) == (TASK_PATH, "READY")
    shown = [str(m.message) for m in get_messages(response.wsgi_request)]
    assert any(
        "3 pages below it" in m and reverse("localization_translation_jobs") in m for m in shown
    )

    run_worker(monkeypatch)

    job.refresh_from_db()
    assert (job.status, job.done, job.skipped, job.total) == ("done", 3, 0, 3)
    assert job.started_at and job.finished_at
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"
    translated = [page.get_translation(bg) for page in below]
    assert not any(page.live for page in translated), "new translations are drafts"
    assert translated[2].get_parent().pk == translated[1].pk
    assert translated[0].get_parent().pk == section.get_translation(bg).pk
    assert all(page.slug.isascii() for page in translated)
    assert not Redirect.objects.filter(redirect_page__in=translated).exists(), (
        "a new translation's slug is set once, leaving no redirect from a copied slug"
    )
    listing = admin_client.get(reverse("localization_translation_jobs"))
    assert listing.status_code == 200
    assert "3 of 3 translated" in listing.content.decode()


def test_the_task_queues_each_translations_index_updates_once_and_they_run(
    admin_client, english_subtree, locales, settings, monkeypatch
):
    """A translation is saved four times; with the database backend its search and
    reference-index updates are queued once per batch, and run after it is committed."""
    settings.TASKS = DATABASE_TASKS
    bg = locales[0]
    section, *below = english_subtree
    submit_subtree(admin_client, section, bg)

    run_worker(monkeypatch)  # the job, then the index updates it queued

    queued = Counter(
        (task.task_path, tuple(task.args_kwargs["args"])) for task in DBTaskResult.objects.all()
    )
    for page in (page.get_translation(bg) for page in below):
        key = ("pages", "standardpage", str(page.pk))
        assert queued[("modelsearch.tasks.insert_or_update_object_task", key)] == 1
        assert queued[("wagtail.tasks.update_reference_index_task", key)] == 1
        assert page.pk in {found.pk for found in StandardPage.objects.search(page.title)}
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_with_the_immediate_backend_the_task_runs_at_once(
    admin_client, english_subtree, locales, settings
):
    settings.TASKS = IMMEDIATE_TASKS
    bg = locales[0]
    submit_subtree(admin_client, english_subtree[0], bg)
    job = SubtreeTranslationJob.objects.get(page=english_subtree[0])
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    assert all(not page.get_translation(bg).live for page in english_subtree[1:])


@pytest.fixture
def translator(db):
    def make(group):
        user = get_user_model().objects.create_user(f"t-{slugify(group)}", "t@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.create(user=user, preferred_language="en")
        return user

    return make


def test_a_translator_cannot_queue_a_subtree_into_another_language(
    client, translator, english_subtree, locales, settings
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(translator("Translators EN"))
    response = submit_subtree(client, english_subtree[0], locales[0])
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not SubtreeTranslationJob.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()
    assert not english_subtree[0].has_translation(locales[0])


def test_the_task_skips_drafts_the_translator_may_not_read_with_all_below_them(
    client, translator, english_subtree, locales, settings, monkeypatch
):
    """A Bulgarian translator may read English pages only when they are live: a draft (and the
    pages below it) is not copied into Bulgarian by the background task either."""
    settings.TASKS = DATABASE_TASKS
    bg = locales[0]
    section, joining, fees, fee_table = english_subtree
    fees.unpublish()
    client.force_login(translator("Translators BG"))

    assert submit_subtree(client, section, bg).status_code == 302
    run_worker(monkeypatch)

    job = SubtreeTranslationJob.objects.get(page=section)
    assert (job.status, job.done, job.skipped) == ("done", 1, 2)
    assert joining.has_translation(bg)
    assert not fees.has_translation(bg) and not fee_table.has_translation(bg)


def test_the_task_refuses_a_job_whose_requester_lost_the_permission(
    translator, english_subtree, locales, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    bg = locales[0]
    user = translator("Translators BG")
    job = start_subtree_translation(english_subtree[0], [bg], user)
    user.groups.clear()

    run_worker(monkeypatch)

    job.refresh_from_db()
    assert job.status == "refused"
    assert not english_subtree[1].has_translation(bg)


def test_the_progress_page_shows_only_ones_own_jobs_to_non_administrators(
    client, translator, english_subtree, locales, settings
):
    settings.TASKS = DATABASE_TASKS
    other = get_user_model().objects.create_superuser("other-admin", "o@example.org", "pw")
    start_subtree_translation(english_subtree[0], [locales[0]], other)
    client.force_login(translator("Translators BG"))
    response = client.get(reverse("localization_translation_jobs"))
    assert response.status_code == 200
    assert "No subtree translations yet." in response.content.decode()
