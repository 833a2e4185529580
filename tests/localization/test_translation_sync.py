"""Syncing a translation after its source changed: text, and topics (which wagtail-localize
itself copies only once)."""

import pytest
from wagtail_localize.models import Translation, TranslationSource

from pages.models import NewsIndexPage, NewsPage
from snippets.models import Topic
from tests.factories import TopicFactory, base_news_sections


@pytest.fixture(autouse=True)
def sections_and_topics(locales):
    """The base site's news section in both languages, and the topics the tests pick."""
    base_news_sections()
    for slug in ("smart-cities", "ai-iot", "education", "fintech"):
        TopicFactory(name_bg=slug, name_en=slug, slug=slug)


def sync(source_page, locale, capture):
    """What "Sync translated pages" does: update the source, then save the target."""
    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    with capture(execute=True):
        translation.save_target(publish=True)
    return NewsPage.objects.get(translation_key=source_page.translation_key, locale=locale)


@pytest.fixture
def english_news(locales):
    page = NewsPage(title="Smart week", slug="smart-week", intro="Intro.")
    NewsIndexPage.objects.get(locale=locales[1]).add_child(instance=page)
    page.topics = list(Topic.objects.filter(slug__in=["smart-cities", "ai-iot"]))
    page.save_revision().publish()
    return page


def topic_slugs(page):
    return sorted(page.topics.values_list("slug", flat=True))


def publish_topics(page, slugs):
    page.topics = list(Topic.objects.filter(slug__in=slugs))
    page.save_revision().publish()


def test_topics_follow_the_source_on_every_sync(
    english_news, locales, django_capture_on_commit_callbacks
):
    bg = locales[0]
    translated = sync(english_news, bg, django_capture_on_commit_callbacks)
    assert topic_slugs(translated) == ["ai-iot", "smart-cities"]

    publish_topics(english_news, ["education"])
    translated = sync(english_news, bg, django_capture_on_commit_callbacks)
    assert topic_slugs(translated) == ["education"]
    assert translated.get_latest_revision_as_object().topics.count() == 1


def test_removing_every_topic_from_the_source_clears_the_translation(
    english_news, locales, django_capture_on_commit_callbacks
):
    bg = locales[0]
    sync(english_news, bg, django_capture_on_commit_callbacks)
    publish_topics(english_news, [])
    translated = sync(english_news, bg, django_capture_on_commit_callbacks)
    assert topic_slugs(translated) == []


def test_the_sources_own_topics_stay_editable(
    english_news, locales, django_capture_on_commit_callbacks
):
    sync(english_news, locales[0], django_capture_on_commit_callbacks)
    publish_topics(english_news, ["fintech"])
    english_news.refresh_from_db()
    assert topic_slugs(english_news) == ["fintech"]


def test_image_alt_text_and_caption_in_blocks_are_translatable_segments(locales):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail_localize.models import StringSegment

    image = get_image_model().objects.create(title="Hall", file=get_test_image_file())
    page = NewsPage(
        title="With image",
        slug="with-image",
        body=[("image", {"image": image, "alt_text": "Empty hall", "caption": "Hall 6"})],
    )
    NewsIndexPage.objects.get(locale=locales[1]).add_child(instance=page)
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Empty hall", "Hall 6"} <= strings


def test_an_editor_translates_a_subtree_through_the_admin_as_drafts(client, locales, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from home.models import HomePage
    from pages.models import StandardPage

    # The pages below are translated by a background task (localization/tasks.py): run it at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    bg, en = locales
    parent = StandardPage(title="Members", slug="members")
    HomePage.objects.get(locale=en).add_child(instance=parent)
    parent.save_revision().publish()
    child = StandardPage(title="Joining", slug="joining")
    parent.add_child(instance=child)
    child.save_revision().publish()
    editor = get_user_model().objects.create_user("subtree-editor", "s@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[parent.pk])
    response = client.post(url, {"locales": [bg.pk], "include_subtree": "on"})
    assert response.status_code == 302
    translated_parent, translated_child = parent.get_translation(bg), child.get_translation(bg)
    assert not translated_parent.live and not translated_child.live, "new translations are drafts"
    assert translated_child.get_parent().pk == translated_parent.pk
