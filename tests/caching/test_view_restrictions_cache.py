"""The cached answer to "does any page have a view restriction?" fails closed: a reader racing
the first restriction never makes private pages public, the answer lives seconds, not forever,
and the page object kept for routing never outlives the page cache."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import PageViewRestriction

from caching import routing
from tests.factories import NewsPageFactory, bilingual_site

SECRET_INTRO = "Investors from Shanghai visited the cluster."


def assert_kept_at_most(key, seconds):
    """The cache holds ``key`` now and forgets it within ``seconds``: Redis tells its time to
    live; the tests' local-memory cache is asked again with the clock moved on."""
    assert cache.get(key) is not None
    if hasattr(cache, "ttl"):  # django-redis
        assert 0 < cache.ttl(key) <= seconds
    else:
        with time_machine.travel(datetime.timedelta(seconds=seconds + 1)):
            assert cache.get(key) is None


@pytest.fixture
def news(db):
    """An English news item, published, whose introduction only a reader allowed in may see."""
    site = bilingual_site()
    return NewsPageFactory(parent=site["en"]["news"], title="Investors visit", intro=SECRET_INTRO)


def add_restriction_during_the_check(page):
    """A database hook that lets an editor add a restriction to ``page`` right after a reader's
    request has read the (not yet committed) answer "no restrictions": the race between a
    reader and the first restriction, made deterministic."""
    added = []

    def editor_saves_after_the_read(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not added and "wagtailcore_pageviewrestriction" in sql and sql.startswith("SELECT"):
            added.append(
                PageViewRestriction.objects.create(
                    page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
                )
            )
        return result

    return connection.execute_wrapper(editor_saves_after_the_read), added


def test_a_reader_racing_the_first_restriction_does_not_keep_no_restrictions(
    client, news, django_capture_on_commit_callbacks
):
    assert SECRET_INTRO in client.get(news.url).content.decode()  # (public until restricted)
    assert client.get(news.url).headers["X-Cache"] == "HIT"
    cache.delete(routing.RESTRICTIONS_KEY)  # (as after the flag's lifetime)
    hook, added = add_restriction_during_the_check(news)
    with django_capture_on_commit_callbacks(execute=True):
        with hook:
            assert routing.view_restrictions_exist() is False  # what the racing reader saw
        assert added  # the editor's restriction, saved after the read, before the commit
    assert routing.view_restrictions_exist() is True
    for _ in range(2):
        response = client.get(news.url)
        assert response.status_code == 200 and response.headers.get("X-Cache") != "HIT"
        assert "Password required" in response.content.decode()
        assert SECRET_INTRO not in response.content.decode()


def test_the_answer_is_kept_for_a_minute_at_most(db):
    routing.view_restrictions_exist()
    assert_kept_at_most(routing.RESTRICTIONS_KEY, 60)


def test_the_served_page_object_is_kept_no_longer_than_the_page_cache(client, news):
    assert settings.FRAGMENT_CACHE_SECONDS > settings.PAGE_CACHE_SECONDS > 0
    client.get(news.url)
    key = f"pages:served-page:{routing.tagged_cache.release()}:{news.pk}"
    assert_kept_at_most(key, settings.PAGE_CACHE_SECONDS)
