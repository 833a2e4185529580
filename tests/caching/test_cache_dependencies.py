"""Every related object a public page shows is declared as a dependency of it: after a change
to any of them, the page is fresh through the anonymous page cache and through the template
fragments (a signed-in reader), in both languages. "Fresh" means the same as the page rendered
with no cache at all, and each change is checked to be visible there."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
from wagtail.rich_text import RichText

from pages.models import NewsPage

# Every test here changes what the cluster site of tests/caching/conftest.py shows.
pytestmark = pytest.mark.usefixtures("cluster")


def versions(obj):
    """A page or snippet of the cluster site in every language, by its translation key."""
    return type(obj).objects.filter(translation_key=obj.translation_key)


def page_for(obj, locale):
    return Page.objects.get(translation_key=obj.translation_key, locale=locale).specific


def rename(objects, field="name", suffix=" (renamed)"):
    for obj in objects:
        setattr(obj, field, getattr(obj, field) + suffix)
        obj.save()


def retitle_page(page):
    """An editor retitles a page in both languages and publishes it."""
    for version in Page.objects.filter(translation_key=page.translation_key):
        version = version.specific
        version.title += " (retitled)"
        version.save_revision().publish()


def rename_topics_of(page):
    for topic in page.topics.all():
        topic.name_bg += " (преименувана)"
        topic.name_en += " (renamed)"
        topic.save()


def rename_all_topics():
    from snippets.models import Topic

    for topic in Topic.objects.all():
        topic.name_bg += " (преименувана)"
        topic.name_en += " (renamed)"
        topic.save()


def renumber_project(funding):
    """The project's code, which its generated EU statement names."""
    for project in versions(funding):
        project.project_number += "-R"
        project.save_revision().publish()


def set_organiser(event, organisation):
    """Give an event an organiser in both languages (the cluster site names none)."""
    for version in versions(event):
        version.organiser = versions(organisation).get(locale=version.locale)
        version.save_revision().publish()


CHANGES = {
    "organisation": lambda c: rename(versions(c["oneness"])),
    "person": lambda c: rename(versions(c["stanley-wei"])),
    "person's role": lambda c: rename(versions(c["stanley-wei"]), "role"),
    # A person's organisation, named beside them but not listed on the page itself.
    "person's organisation": lambda c: rename(versions(c["cluster"])),
    "topic": lambda c: rename_topics_of(c["news-eip-scc"]),
    "event's topic": lambda c: rename_topics_of(c["event-ee-re-2017"]),
    "every topic": lambda c: rename_all_topics(),
    "funding project": lambda c: retitle_page(c["funding"]),
    "project's code": lambda c: renumber_project(c["funding"]),
    "programme": lambda c: rename(versions(c["op-ic"])),
    "beneficiary": lambda c: rename(versions(c["cluster"])),
    "issuer": lambda c: rename(versions(c["esca"])),
    "organiser": lambda c: rename(versions(c["esca"])),
    "parent index": lambda c: retitle_page(c["news"]),
    "section": lambda c: retitle_page(c["about"]),
    "listed news": lambda c: retitle_page(c["news-16-plus-1"]),
    "latest news": lambda c: retitle_page(NewsPage.objects.live().order_by("-date", "-pk").first()),
    "listed event": lambda c: retitle_page(c["event-ee-re-2017"]),
    "project's news": lambda c: retitle_page(c["news-label"]),
    "linked page's slug": lambda c: change_slug(c["event-ee-re-2017"]),
}


def link_in_body(page, linked):
    """Give a page (both languages) a paragraph with an internal link to another page."""
    for version in Page.objects.filter(translation_key=page.translation_key):
        version = version.specific
        link = f'<p>See <a linktype="page" id="{linked.pk}">the event</a>.</p>'
        version.body = [("paragraph", RichText(link))]
        version.save_revision().publish()


def change_slug(page):
    for version in Page.objects.filter(translation_key=page.translation_key):
        version = version.specific
        version.slug += "-renamed"
        version.save_revision().publish()


PREPARE = {
    "organiser": lambda c: set_organiser(c["event-ee-re-2017"], c["esca"]),
    "linked page's slug": lambda c: link_in_body(c["news-16-plus-1"], c["event-ee-re-2017"]),
}

CASES = [
    ("news-16-plus-1", "organisation"),
    ("news-16-plus-1", "person"),
    ("news-16-plus-1", "person's role"),
    ("news-16-plus-1", "parent index"),
    ("news-16-plus-1", "linked page's slug"),
    ("news-eip-scc", "person's organisation"),
    ("news-eip-scc", "topic"),
    ("news-label", "funding project"),
    ("news-label", "project's code"),
    ("event-ee-re-2017", "event's topic"),
    ("event-ee-re-2017", "organiser"),
    ("funding", "programme"),
    ("funding", "beneficiary"),
    ("funding", "project's code"),
    ("funding", "project's news"),
    ("label", "issuer"),
    ("label", "project's code"),
    ("label", "funding project"),
    ("news", "listed news"),
    ("news", "every topic"),
    ("events", "listed event"),
    ("events", "every topic"),
    ("home", "latest news"),
    ("home", "section"),
    ("about", "parent index"),
]


def per_request_parts_blanked(html):
    """The page with its CSP nonces and form tokens (fresh in every response) blanked."""
    return re.sub(r'(nonce|name="(csrfmiddlewaretoken|issued)" value)="[^"]+"', "", html)


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, per_request_parts_blanked(response.content.decode())


@pytest.fixture
def reader(db):
    """A signed-in reader: the anonymous page cache never serves them, fragments do."""
    user = get_user_model().objects.create_user("reader", "reader@example.com", "x" * 20)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["bg", "en"])
@pytest.mark.parametrize(("key", "change"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_a_page_is_fresh_after_a_change_to_what_it_shows(
    client,
    reader,
    cluster,
    locales,
    settings,
    language,
    key,
    change,
    django_capture_on_commit_callbacks,
):
    locale = locales[0] if language == "bg" else locales[1]
    if change in PREPARE:
        with django_capture_on_commit_callbacks(execute=True):
            PREPARE[change](cluster)
    url = page_for(cluster[key], locale).url
    for _ in range(2):  # kept: the page, its fragments, the page object
        render(client, url)
        before = render(reader, url)[1]
    if key != "label":  # (never kept whole: its form uses the CSRF token)
        assert render(client, url)[0].headers.get("X-Cache") == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        CHANGES[change](cluster)

    anonymous, signed_in = render(client, url)[1], render(reader, url)[1]
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    expected_anonymous, expected_signed_in = render(Client(), url)[1], render(reader, url)[1]
    assert expected_signed_in != before, "the change does not show on this page"
    assert anonymous == expected_anonymous, "stale through the page cache"
    assert signed_in == expected_signed_in, "stale through the template fragments"
