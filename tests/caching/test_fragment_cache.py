"""Template fragments kept in the cache (``{% taggedcache %}``) for every reader, logged in or
not: what they save, what is never kept in them (previews, CSRF forms, nonces, error and search
pages), and that a change is seen on the next request, as with the anonymous page cache."""

import re

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from pages.models import NewsPage, NewsPageOrganisation, NewsPagePerson, StandardPage
from tests.factories import (
    ClusterLabelPageFactory,
    EventPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFundingPageFactory,
    TopicFactory,
    bilingual_site,
    translate,
)

BULGARIAN = {
    "Shanghai investors": "Инвеститори от Шанхай",
    "Stanley Wei": "Стенли Уей",
    "Funded project": "Финансиран проект",
    "Growth of the cluster": "Растеж на клъстера",
    "Innovation and Competitiveness": "Иновации и конкурентоспособност",
    "Investors visit the cluster": "Инвеститори посещават клъстера",
    "A short introduction.": "Кратко въведение.",
    "Two visitors at the cluster's office": "Двама посетители в офиса на клъстера",
}


@pytest.fixture
def site(db):
    """A bilingual site (tests/factories.py) with, in English, a news item (translated into
    Bulgarian) that names an organisation and a person, is about a topic, shows an image and
    was paid for by a funding project; an event; and a cluster label issued by an organisation."""
    bg = Locale.objects.get(language_code="bg")
    pages = bilingual_site()
    en = pages["en"]
    investor = OrganisationFactory(name="Shanghai investors")
    person = PersonFactory(name="Stanley Wei", organisation=investor)
    en["funding"] = ProjectFundingPageFactory(parent=en["home"])
    en["news item"] = NewsPageFactory(
        parent=en["news"],
        title="Investors visit the cluster",
        related_organisations=[NewsPageOrganisation(organisation=investor)],
        related_people=[NewsPagePerson(person=person)],
        topics=[TopicFactory(name="Investment", name_en="Investment", name_bg="Инвестиции")],
        image=wagtail_factories.ImageFactory(),
        image_alt_text="Two visitors at the cluster's office",
        related_project=en["funding"],
    )
    # A page's translatable snippets and linked pages are translated before it.
    for source in (en["funding"].programme, investor, person, en["funding"]):
        translate(source, bg, BULGARIAN)
    pages["bg"]["news item"] = translate(en["news item"], bg, BULGARIAN).specific
    en["event"] = EventPageFactory(parent=en["events"], title="Open day")
    issuer = OrganisationFactory(name="European Secretariat for Cluster Analysis")
    en["label"] = ClusterLabelPageFactory(parent=en["home"], issuer=issuer)
    return pages


@pytest.fixture
def news(site):
    """An English news page with organisations, people, topics and a funding project."""
    return site["en"]["news item"]


@pytest.fixture
def reader(client, db):
    """A signed-in reader: the anonymous page cache never serves them, fragments do."""
    user = get_user_model().objects.create_user("reader", "reader@example.com", "x" * 20)
    client.force_login(user)
    return client


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries), response.content.decode()


def per_request_parts_blanked(html):
    """The page with its CSP nonces and form tokens (fresh in every response) blanked."""
    return re.sub(r'(nonce|name="(csrfmiddlewaretoken|issued)" value)="[^"]+"', "", html)


def publish(page, commit_callbacks):
    with commit_callbacks(execute=True):
        page.save_revision().publish()


@pytest.mark.parametrize(
    "name", ["home", "news item", "event", "label", "funding", "news", "events"]
)
def test_a_page_rendered_again_costs_its_routing_and_the_session_only(
    reader, site, name, django_assert_max_num_queries
):
    url = site["en"][name].url
    first, first_html = queries_for(reader, url)
    assert first > 6
    # Two queries route the page, two read the session and the user, two check the user's
    # permissions for Wagtail's user bar: nothing that the page shows.
    with django_assert_max_num_queries(6, info=url):
        _again, again_html = queries_for(reader, url)
    assert per_request_parts_blanked(again_html) == per_request_parts_blanked(first_html)


def test_fragment_caching_can_be_turned_off(reader, news, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    queries_for(reader, news.url)  # (fills the caches of sites and restrictions)
    second, _html = queries_for(reader, news.url)
    third, _html = queries_for(reader, news.url)
    assert second == third > 6


def test_a_published_edit_is_seen_by_a_signed_in_reader_at_once(
    reader, news, site, django_capture_on_commit_callbacks
):
    index = site["en"]["news"]
    for url in (news.url, index.url):
        queries_for(reader, url)
    news.title = "The 16 + 1 summit, retitled"
    publish(news, django_capture_on_commit_callbacks)
    for url in (news.url, index.url):
        assert "The 16 + 1 summit, retitled" in queries_for(reader, url)[1], url


def test_a_snippet_or_topic_edit_renews_the_fragments_that_show_it(
    reader, news, site, django_capture_on_commit_callbacks
):
    tagged = news
    bg = site["bg"]["news item"]
    topic = tagged.topics.get()
    for url in (news.url, tagged.url, bg.url):
        queries_for(reader, url)
    organisation = news.related_organisations.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Shanghai investors (renamed)"
        organisation.save()
        topic.name_en, topic.name_bg = "Investment (renamed)", "Инвестиции (преименувана)"
        topic.save()
    assert "Shanghai investors (renamed)" in queries_for(reader, news.url)[1]
    assert "Investment (renamed)" in queries_for(reader, tagged.url)[1]
    assert "Инвестиции (преименувана)" in queries_for(reader, bg.url)[1]


def test_a_new_section_appears_in_the_menu_of_every_page(
    reader, news, site, django_capture_on_commit_callbacks
):
    home = site["en"]["home"]
    queries_for(reader, news.url)
    section = StandardPage(title="Members directory", slug="members", show_in_menus=True)
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=section)
        section.save_revision().publish()
    assert "Members directory" in queries_for(reader, news.url)[1]


def test_an_unpublished_page_leaves_the_listings_and_the_switcher(
    reader, news, site, django_capture_on_commit_callbacks
):
    bg = site["bg"]["news item"]
    index = site["en"]["news"]
    queries_for(reader, index.url), queries_for(reader, bg.url)
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert news.title not in queries_for(reader, index.url)[1]
    assert f'href="{news.url}"' not in queries_for(reader, bg.url)[1]


def test_an_image_edit_renews_the_pages(client, news, django_capture_on_commit_callbacks):
    client.get(news.url)
    assert client.get(news.url).headers["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        image = news.image
        image.focal_point_x, image.focal_point_y = 10, 10
        image.focal_point_width = image.focal_point_height = 5
        image.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(news.url).headers["X-Cache"] == "MISS"
    assert len(queries.captured_queries) > 2  # rendered again, not from fragments


def test_a_preview_neither_reads_nor_fills_the_fragments(admin_client, news):
    """An editor's draft, seen in the preview, never reaches readers, and the preview never
    shows the published version kept for readers."""
    assert admin_client.get(news.url).status_code == 200  # the published page, kept
    draft = NewsPage.objects.get(pk=news.pk)
    draft.title = "Draft title in preview"
    preview_url = f"/admin/pages/{news.pk}/edit/preview/"
    form = {
        "title": draft.title,
        "slug": draft.slug,
        "date": draft.date.isoformat(),
        "date_precision": draft.date_precision,
        "kind": draft.kind,
        "intro": draft.intro,
        "body-count": "0",
        "related_organisations-TOTAL_FORMS": "0",
        "related_organisations-INITIAL_FORMS": "0",
        "related_people-TOTAL_FORMS": "0",
        "related_people-INITIAL_FORMS": "0",
    }
    assert admin_client.post(preview_url, form).json()["is_valid"] is True
    preview = admin_client.get(preview_url).content.decode()
    assert "Draft title in preview" in preview
    public = admin_client.get(news.url).content.decode()
    assert "Draft title in preview" not in public and news.title in public


def test_a_label_page_keeps_its_card_but_renders_the_form_for_each_reader(
    client, site, django_user_model
):
    from django.test import Client

    label = site["en"]["label"]
    first_queries, _html = queries_for(client, label.url)
    other = Client(enforce_csrf_checks=True)
    again_queries, html = queries_for(other, label.url)
    assert again_queries < first_queries  # the card and body came from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = other.post(
        label.url,
        {
            "csrfmiddlewaretoken": token,
            "name": "Ana Petrova",
            "organisation": "Example Ltd",
            "email": "ana@example.com",
            "message": "Please send the report.",
        },
    )
    assert response.status_code != 403  # the reader's own token, valid for their cookie


def test_a_nonce_in_a_kept_fragment_is_the_readers_own(client, news):
    for _ in range(2):
        response = client.get(news.url, HTTP_COOKIE="sessionid=none")  # no page cache
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        scripts = re.findall(r'<script[^>]* nonce="([^"]+)"', response.content.decode())
        assert scripts and set(scripts) == {nonce}


def test_error_and_search_pages_keep_no_fragments(reader, site):
    for url in ("/en/no-such-page/", "/en/search/?q=cluster"):
        queries_for_any(reader, url)  # (fills the caches of sites and restrictions)
        second = queries_for_any(reader, url)
        assert queries_for_any(reader, url) == second, url


def queries_for_any(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def test_a_topic_filter_is_part_of_what_a_listing_fragment_varies_on(reader, site, news):
    index = site["en"]["news"]
    topic = news.topics.get()
    everything = queries_for(reader, index.url)[1]
    filtered = queries_for(reader, f"{index.url}?topic={topic.slug}")[1]
    assert filtered != everything
    assert queries_for(reader, index.url)[1] == everything


def test_a_query_string_the_page_does_not_use_never_reaches_it(reader, site):
    """Listing links keep the query string: a parameter the listing does not read (a tracking
    tag, anything) is dropped before it renders (caching.tags.reads_query), so it reaches no
    one, and the fragments kept for the plain address serve it."""
    index = site["en"]["news"]
    planted = f"{index.url}?utm_source=planted&made=planted"
    assert "planted" not in queries_for(reader, planted)[1]
    queries_for(reader, index.url)
    assert queries_for_any(reader, planted) <= queries_for_any(reader, index.url)


def test_a_snippet_the_page_holds_is_fresh_after_an_edit(
    reader, site, django_capture_on_commit_callbacks
):
    """The served page is kept with the snippets it holds through foreign keys (the label's
    issuer); editing one renews both the kept page and its fragments."""
    label = site["en"]["label"]
    assert label.issuer is not None
    queries_for(reader, label.url)
    queries_for(reader, label.url)
    with django_capture_on_commit_callbacks(execute=True):
        issuer = type(label.issuer).objects.get(pk=label.issuer_id)
        issuer.name = "European Secretariat for Cluster Analysis (renamed)"
        issuer.save()
    assert (
        "European Secretariat for Cluster Analysis (renamed)" in queries_for(reader, label.url)[1]
    )


def test_the_release_comes_from_the_setting_else_the_package_version(settings):
    """Kept pages, fragments and page objects are keyed by the release: ``CACHE_RELEASE`` (the
    image's SKC_RELEASE in production), else the installed package's version with Django's and
    Wagtail's; nothing hashes the tree."""
    from importlib import metadata

    import django
    import wagtail

    from caching.tagged_cache import release

    settings.CACHE_RELEASE = "3f2c1ab"
    assert release() == "3f2c1ab"
    settings.CACHE_RELEASE = None
    version = metadata.version("sofia-knowledge-city")
    assert release() == f"{version}-django{django.__version__}-wagtail{wagtail.__version__}"


def test_the_production_release_is_the_images_skc_release(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "a-long-random-secret-for-this-test-only-0123456789")
    monkeypatch.setenv("ALLOWED_HOSTS", "www.example.org")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "https://www.example.org")
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://www.example.org")
    monkeypatch.setenv("SKC_RELEASE", "9d8e7f6")
    production = importlib.import_module("config.settings.production")
    assert importlib.reload(production).CACHE_RELEASE == "9d8e7f6"
    monkeypatch.setenv("SKC_RELEASE", "")
    assert importlib.reload(production).CACHE_RELEASE is None


def test_a_new_release_renders_afresh(client, settings, site):
    """After a deploy nothing the previous release rendered is served."""
    url = site["en"]["home"].url
    client.get(url)
    assert client.get(url).headers["X-Cache"] == "HIT"
    settings.CACHE_RELEASE = "next-release"
    assert client.get(url).headers["X-Cache"] == "MISS"
    assert client.get(url).headers["X-Cache"] == "HIT"
