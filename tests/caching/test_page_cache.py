"""The anonymous page cache: what is cached and what never is, and exact invalidation: after a
change a reader sees it on the next request, on the page itself and on every page that lists or
links it, while pages that do not show it stay cached."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from pages.models import ClusterLabelPage, EventIndexPage, NewsIndexPage, NewsPage
from snippets.models import Organisation, Topic

# Every test here is served the cluster site of tests/caching/conftest.py.
pytestmark = pytest.mark.usefixtures("cluster")


def fetch(client, url):
    response = client.get(url)
    return response.status_code, response.headers.get("X-Cache"), response.content.decode()


def without_nonces(content):
    """The page with its Content-Security-Policy nonces (fresh in every response) blanked."""
    return re.sub(r'nonce="[^"]+"', 'nonce=""', content)


def warm(client, *urls):
    """Request each address until it is served from the cache (and check that it is)."""
    for url in urls:
        client.get(url)
        assert client.get(url).headers.get("X-Cache") == "HIT", url


@pytest.fixture
def page_for(cluster):
    """A page of the cluster site (tests/caching/conftest.py) by name, in a locale."""

    def find(key, locale):
        return Page.objects.get(
            translation_key=cluster[key].translation_key, locale=locale
        ).specific

    return find


@pytest.fixture
def news(locales, page_for):
    """An English news page with organisations and topics, and its Bulgarian translation."""
    return page_for("news-16-plus-1", locales[1]), page_for("news-16-plus-1", locales[0])


def publish(page, commit_callbacks):
    with commit_callbacks(execute=True):
        page.save_revision().publish()


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    client, news, django_assert_num_queries
):
    en, _bg = news
    status, state, first = fetch(client, en.url)
    assert (status, state) == (200, "MISS")
    with django_assert_num_queries(0):
        status, state, second = fetch(client, en.url)
    assert (status, state) == (200, "HIT")
    assert without_nonces(second) == without_nonces(first)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_public_kind_of_response_is_cached_in_both_languages(
    client, locales, page_for, language
):
    locale = locales[0] if language == "bg" else locales[1]
    urls = [
        page_for("home", locale).url,
        NewsIndexPage.objects.get(locale=locale).url,
        EventIndexPage.objects.get(locale=locale).url,
        page_for("news-16-plus-1", locale).url,
        page_for("event-ee-re-2017", locale).url,
        page_for("funding", locale).url,
        f"/{language}/search/?q=cluster",
        f"/{language}/feeds/news.rss",
        f"/{language}/feeds/news.atom",
        f"/{language}/feeds/events.ics",
        "/sitemap.xml",
    ]
    warm(client, *urls)


def test_logged_in_users_and_pages_with_a_form_are_never_cached(
    client, admin_client, locales, page_for
):
    home = page_for("home", locales[1])
    for _ in range(2):
        response = admin_client.get(home.url)
        assert response.status_code == 200 and "X-Cache" not in response.headers
    label = ClusterLabelPage.objects.get(locale=locales[1])
    for _ in range(2):
        response = client.get(label.url)
        assert response.status_code == 200 and response.headers.get("X-Cache") != "HIT"
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_not_found_and_redirects_are_not_cached(client, db):
    assert client.get("/en/no-such-page/").status_code == 404
    assert client.get("/en/no-such-page/").headers.get("X-Cache") is None
    assert client.get("/").status_code == 302


def test_publishing_an_edit_refreshes_the_page_its_listings_and_feeds_only(
    client, news, locales, page_for, django_capture_on_commit_callbacks
):
    en, bg = news
    index = NewsIndexPage.objects.get(locale=locales[1])
    home = page_for("home", locales[1])
    # The Bulgarian translation links to the English page (switcher, hreflang).
    showing = [en.url, index.url, home.url, "/en/feeds/news.rss", "/sitemap.xml", bg.url]
    unrelated = [
        page_for("event-ee-re-2017", locales[1]).url,
        page_for("news-label", locales[0]).url,
        "/bg/feeds/news.rss",
    ]
    warm(client, *showing, *unrelated)

    en.title = "16 + 1 Summit: investors from Shanghai"
    publish(en, django_capture_on_commit_callbacks)

    for url in showing:
        status, state, content = fetch(client, url)
        if url in (en.url, index.url, "/en/feeds/news.rss"):  # the others list the latest only
            assert "investors from Shanghai" in content, url
        assert (status, state) == (200, "MISS"), url
    for url in unrelated:
        assert fetch(client, url)[1] == "HIT", url


def test_unpublishing_removes_the_page_from_every_listing(
    client, news, locales, page_for, django_capture_on_commit_callbacks
):
    en, bg = news
    index = NewsIndexPage.objects.get(locale=locales[1])
    listings = [index.url, page_for("home", locales[1]).url, "/en/feeds/news.rss"]
    warm(client, en.url, bg.url, "/sitemap.xml", *listings)

    with django_capture_on_commit_callbacks(execute=True):
        en.unpublish()

    assert client.get(en.url).status_code == 404
    for url in listings:
        assert en.title not in fetch(client, url)[2], url
    assert en.full_url not in fetch(client, "/sitemap.xml")[2]
    # The Bulgarian translation no longer offers the English version in its switcher.
    _status, state, content = fetch(client, bg.url)
    assert state == "MISS" and f'href="{en.url}"' not in content


def test_deleting_a_page_gives_a_404_and_updates_listings(
    client, news, locales, django_capture_on_commit_callbacks
):
    en, _bg = news
    index = NewsIndexPage.objects.get(locale=locales[1])
    url, title = en.url, en.title
    warm(client, url, index.url)
    with django_capture_on_commit_callbacks(execute=True):
        NewsPage.objects.get(pk=en.pk).delete()
    assert client.get(url).status_code == 404
    assert title not in fetch(client, index.url)[2]


def test_moving_a_page_serves_it_at_its_new_address_only(
    client, news, locales, django_capture_on_commit_callbacks
):
    en, _bg = news
    old_index = NewsIndexPage.objects.get(locale=locales[1])
    new_parent = EventIndexPage.objects.get(locale=locales[1])
    old_url = en.url
    warm(client, old_url, old_index.url, new_parent.url)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=en.pk).move(new_parent, pos="last-child")
    moved = Page.objects.get(pk=en.pk)
    response = client.get(old_url)  # Wagtail redirects the old address to the new one
    assert response.status_code == 301 and response["Location"] == moved.url
    assert fetch(client, moved.url)[0] == 200
    assert en.title not in fetch(client, old_index.url)[2]


def test_changing_a_slug_refreshes_the_old_address(
    client, news, django_capture_on_commit_callbacks
):
    en, _bg = news
    old_url = en.url
    warm(client, old_url)
    en.slug = "summit-16-plus-1"
    publish(en, django_capture_on_commit_callbacks)
    assert fetch(client, old_url)[0] in (301, 302, 404)
    assert fetch(client, Page.objects.get(pk=en.pk).url)[0] == 200


def test_editing_a_snippet_refreshes_the_pages_that_show_it(
    client, news, locales, page_for, cluster, django_capture_on_commit_callbacks
):
    en, bg = news
    unrelated = page_for("news-label", locales[1]).url
    warm(client, en.url, bg.url, unrelated)
    organisation = Organisation.objects.get(
        translation_key=cluster["oneness"].translation_key, locale=locales[1]
    )
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Oneness International Group (Shanghai)"
        organisation.save()
    assert "Oneness International Group (Shanghai)" in fetch(client, en.url)[2]
    assert fetch(client, bg.url)[1] == "MISS"  # shows the same organisation, in Bulgarian
    assert fetch(client, unrelated)[1] == "HIT"


def test_renaming_a_topic_refreshes_pages_and_listings_in_both_languages(
    client, locales, django_capture_on_commit_callbacks
):
    en = NewsPage.objects.filter(locale=locales[1], topics__isnull=False).first()
    bg = en.get_translation(locales[0])
    topic = en.topics.first()
    indexes = [NewsIndexPage.objects.get(locale=locale).url for locale in locales]
    warm(client, en.url, bg.url, *indexes)
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_en, topic.name_bg = "Investment (renamed)", "Инвестиции (преименувана)"
        topic.save()
    assert "Investment (renamed)" in fetch(client, en.url)[2]
    assert "Инвестиции (преименувана)" in fetch(client, bg.url)[2]
    assert "Investment (renamed)" in fetch(client, indexes[1])[2]
    assert "Инвестиции (преименувана)" in fetch(client, indexes[0])[2]


def test_a_response_rendered_while_content_changes_is_not_stored(
    client, news, monkeypatch, django_capture_on_commit_callbacks
):
    """A publish that lands while a page is being rendered: the response may show the old
    content, so it must not be stored under the new tokens."""
    import caching

    en, _bg = news
    original = NewsPage.get_context

    def get_context_while_an_editor_publishes(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)
        caching.invalidate({"page:unrelated"})
        return context

    monkeypatch.setattr(NewsPage, "get_context", get_context_while_an_editor_publishes)
    assert fetch(client, en.url)[1] == "MISS"
    monkeypatch.setattr(NewsPage, "get_context", original)
    assert fetch(client, en.url)[1] == "MISS"
    assert fetch(client, en.url)[1] == "HIT"


def test_a_topic_unknown_to_a_page_does_not_clear_it(
    client, locales, django_capture_on_commit_callbacks
):
    en = NewsPage.objects.filter(locale=locales[1], topics__isnull=False).first()
    warm(client, en.url)
    other = Topic.objects.exclude(pk__in=en.topics.values("pk")).first()
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    assert fetch(client, en.url)[1] == "HIT"


def test_a_page_made_private_is_no_longer_served_from_the_cache(
    client, news, locales, django_capture_on_commit_callbacks
):
    en, _bg = news
    index = NewsIndexPage.objects.get(locale=locales[1])
    warm(client, en.url, index.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=en, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    response = client.get(en.url)
    assert response.status_code == 200 and response.headers.get("X-Cache") != "HIT"
    assert "Password required" in response.content.decode()
    assert "Oneness" not in response.content.decode()
    assert en.title not in fetch(client, index.url)[2]


def test_a_configured_cdn_is_purged_of_every_address_that_shows_a_change(
    client, news, locales, settings, purge_server, django_capture_on_commit_callbacks
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    settings.CDN_CACHE_SECONDS = 300
    en, bg = news
    response = client.get(en.url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert client.get(en.url)["Cache-Control"] == "public, max-age=0, s-maxage=300"  # a HIT

    publish(en, django_capture_on_commit_callbacks)

    paths = {entry.split("/", 1)[1] for entry in received}
    index = NewsIndexPage.objects.get(locale=locales[1])
    expected = [en.url, bg.url, index.url, "/en/", "/en/feeds/news.rss", "/en/feeds/events.ics"]
    for url in [*expected, "/sitemap.xml"]:
        assert url.lstrip("/") in paths, (url, received)
    bg_events = EventIndexPage.objects.get(locale=locales[0]).url.lstrip("/")
    assert not any(path.startswith(bg_events) for path in paths)


def test_gunicorns_entry_point_serves_hits_before_django_and_passes_on_the_rest(
    client, news, django_capture_on_commit_callbacks, caplog
):
    """config/wsgi.py answers a current entry itself, with the headers the middleware gives
    (security headers included), a fresh nonce and a log line; a changed page, a signed-in
    reader, a POST, a refused host and an address never cached go on to Django."""
    import logging

    from django.test import RequestFactory

    from caching.page_cache import PageCacheApp

    en, _bg = news
    passed_on, answers = [], []

    def django_app(environ, start_response):
        passed_on.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        start_response("200 OK", [])
        return [b"from Django"]

    def start_response(status, headers):
        answers.append((status, dict(headers)))

    app = PageCacheApp(django_app)

    def serve(method="get", path=en.url, **extra):
        environ = getattr(RequestFactory(), method)(path, **extra).environ
        return b"".join(app(environ, start_response)).decode()

    warm(client, en.url)
    through_django = client.get(en.url)
    with caplog.at_level(logging.INFO, logger="skc.requests"):
        body = serve()
    status, headers = answers[-1]
    assert status == "200 OK" and passed_on == []
    assert without_nonces(body) == without_nonces(through_django.content.decode())
    assert headers["X-Cache"] == "HIT" and int(headers["Content-Length"]) == len(body.encode())
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Content-Language"):
        assert headers[name] == through_django[name], name
    nonce = re.search(r"'nonce-([^']+)'", headers["Content-Security-Policy"])[1]
    assert f'nonce="{nonce}"' in body and nonce not in through_django.content.decode()
    line = [r for r in caplog.records if r.name == "skc.requests"][-1]
    assert line.fields == {**line.fields, "path": en.url, "status": 200, "cache": "HIT"}

    serve(HTTP_COOKIE="sessionid=abc")
    serve("post")
    serve(HTTP_HOST="evil.example")
    serve(path="/en/no-such-page/")
    assert passed_on == [
        ("GET", en.url),
        ("POST", en.url),
        ("GET", en.url),
        ("GET", "/en/no-such-page/"),
    ]

    en.title = "Retitled for the entry point"
    publish(en, django_capture_on_commit_callbacks)
    assert serve() == "from Django" and passed_on[-1] == ("GET", en.url)
    assert "Retitled for the entry point" in client.get(en.url).content.decode()
    assert "Retitled for the entry point" in serve() and len(passed_on) == 5


def test_gunicorns_entry_point_serves_the_page_cache():
    from caching.page_cache import PageCacheApp
    from config import wsgi

    assert isinstance(wsgi.application.application, PageCacheApp)


def test_a_miss_at_the_entry_point_is_not_looked_up_again_by_the_middleware(
    client, locales, monkeypatch
):
    """The label page (a CSRF form) is never stored: each anonymous request misses. The entry
    point's lookup goes on with the request, and the middleware reads the cache for it no more."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from caching import page_cache

    url = ClusterLabelPage.objects.get(locale=locales[1]).url
    passed_on = []

    def django_app(environ, start_response):
        passed_on.append(environ)
        return [b""]

    environ = RequestFactory().get(url).environ
    page_cache.PageCacheApp(django_app)(environ, lambda status, headers: None)
    key, writes = passed_on[0][page_cache.LOOKED_UP]
    assert key == page_cache.entry_key(RequestFactory().get(url))

    lookups = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: lookups.append(keys) or get_many(keys))
    response = client.get(url, **{page_cache.LOOKED_UP: (key, writes)})
    assert response.status_code == 200 and "X-Cache" not in response
    assert not [keys for keys in lookups if key in keys]
    lookups.clear()
    client.get(url)  # without the entry point: the middleware looks it up itself
    assert [keys for keys in lookups if key in keys]


TRACKED = "utm_source=newsletter&utm_medium=email&utm_campaign=nov&fbclid=IwAR0x&gclid=Cj0K"


def test_tracking_parameters_are_served_the_pages_own_entry(client, news):
    en, _bg = news
    warm(client, en.url)
    for n in range(3):
        status, state, _content = fetch(client, f"{en.url}?utm_source=reader-{n}&mc_cid=abc")
        assert (status, state) == (200, "HIT"), n
    assert fetch(client, f"{en.url}?{TRACKED}")[1] == "HIT"


def test_a_page_rendered_for_a_tracked_link_shows_no_tracking_and_is_kept_for_everyone(
    client, locales
):
    index = NewsIndexPage.objects.get(locale=locales[1])
    status, state, content = fetch(client, f"{index.url}?utm_source=leaked-source&page=1")
    assert (status, state) == (200, "MISS")
    assert "leaked-source" not in content and "utm_" not in content
    assert fetch(client, f"{index.url}?page=1")[1] == "HIT"


def test_made_up_parameters_are_served_the_entry_of_what_the_view_reads(client, news, locales):
    en, _bg = news
    warm(client, en.url)
    for n in range(3):  # a page reads no parameter: its one entry
        assert fetch(client, f"{en.url}?x{n}={n}&page={n}&topic=t{n}")[1] == "HIT", n
    index = NewsIndexPage.objects.get(locale=locales[1])
    status, state, content = fetch(client, f"{index.url}?kind=news&nonce=abc123&q=zzz")
    assert (status, state) == (200, "MISS")
    assert "abc123" not in content and "zzz" not in content  # the listing's links keep none
    assert fetch(client, f"{index.url}?kind=news&nonce=other")[1] == "HIT"
    assert fetch(client, f"{index.url}?kind=news")[1] == "HIT"
    assert fetch(client, f"{index.url}?kind=blog&nonce=x")[1] != "HIT"  # still its key


def test_a_page_first_asked_for_with_made_up_parameters_fills_its_own_entry(client, news):
    en, _bg = news
    status, state, content = fetch(client, f"{en.url}?cachebuster=1")
    assert (status, state) == (200, "MISS") and "cachebuster" not in content
    assert fetch(client, en.url)[1] == "HIT"
    assert fetch(client, f"{en.url}?cachebuster=2")[1] == "HIT"


def test_the_search_keys_on_its_query(client, db):
    warm(client, "/en/search/?q=cluster")
    assert fetch(client, "/en/search/?q=cluster&utm_source=x&sort=new")[1] == "HIT"
    assert fetch(client, "/en/search/?q=label")[1] == "MISS"


def test_the_entry_point_serves_tracked_and_made_up_addresses_from_the_same_entry(client, news):
    from django.test import RequestFactory

    from caching.page_cache import PageCacheApp

    en, _bg = news
    passed_on, answers = [], []

    def django_app(environ, start_response):
        passed_on.append(environ["QUERY_STRING"])
        return [b""]

    app = PageCacheApp(django_app)
    warm(client, en.url)
    for query in (TRACKED, "utm_source=a", "made=up"):
        environ = RequestFactory().get(f"{en.url}?{query}").environ
        app(environ, lambda status, headers: answers.append(status))
    assert passed_on == [] and answers == ["200 OK"] * 3


def test_a_cdn_keeps_no_copy_under_an_address_a_purge_does_not_name(client, news, settings):
    settings.CDN_CACHE_SECONDS = 300
    en, _bg = news
    assert client.get(f"{en.url}?utm_source=a")["Cache-Control"] == "public, max-age=0"
    assert client.get(en.url)["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert client.get(f"{en.url}?utm_source=b")["Cache-Control"] == "public, max-age=0"
