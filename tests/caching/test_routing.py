"""Routing in two queries (caching/routing.py) finds what Wagtail's own routing finds, for every
address: pages, sub-routes of routable pages, drafts, unknown and odd paths."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from caching import routing
from pages.models import NewsIndexPage, NewsPage
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    bilingual_site,
    translate,
)

# Every test here routes the pages this fixture builds.
pytestmark = pytest.mark.usefixtures("site")


@pytest.fixture
def site(locales):
    """A bilingual site (tests/factories.py) whose news section holds two items, its events
    section an event, and whose home a standard page with a child page, each translated into
    Bulgarian."""
    bg = locales[0]
    pages = bilingual_site()
    en = pages["en"]
    about = StandardPageFactory(parent=en["home"], title="About us")
    made = [
        NewsPageFactory(parent=en["news"], title="Summit"),
        NewsPageFactory(parent=en["news"], title="Investors visit"),
        EventPageFactory(parent=en["events"], title="Open day"),
        about,
        StandardPageFactory(parent=about, title="Members"),
    ]
    for page in made:
        translate(page, bg, {})
    return pages


def wagtail_route(path, language):
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/{path}")
        result = Page.route_for_request(request, path)
    return summary(result)


def fast_route(path, language):
    with translation.override(language):
        result = routing.route(RequestFactory().get(f"/{language}/{path}"), path)
    return summary(result)


def summary(result):
    """The page found and the arguments it is served with (view names, not bound methods)."""
    if result is None:
        return None
    page, args, kwargs = result
    args = tuple(getattr(arg, "__name__", arg) for arg in args)
    return page.pk, type(page).__name__, args, kwargs


def paths_of(language):
    """Every live page's path below its home page, plus archives, sub-routes and odd paths."""
    pages = Page.objects.filter(locale__language_code=language, depth__gt=2)
    paths = ["".join(f"{part}/" for part in page.url_path.split("/")[2:] if part) for page in pages]
    news = NewsIndexPage.objects.get(locale__language_code=language).slug
    return [
        "",
        *paths,
        f"{news}/2018/",
        f"{news}/2018/7/",
        f"{news}/2018/13/",
        f"{news}/99999/",
        f"{news}/no-such-item/",
        "no-such-page/",
        "no-such-page/deeper/",
        f"{paths[-1]}deeper/",
    ]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_address_routes_as_wagtail_routes_it(db, language):
    for path in paths_of(language):
        assert fast_route(path, language) == wagtail_route(path, language), path


def test_a_draft_and_a_child_named_like_a_sub_route_route_as_in_wagtail(db, locales):
    index = NewsIndexPage.objects.get(locale=locales[1])
    draft = index.add_child(instance=NewsPage(title="Draft", slug="draft-item", live=False))
    year_named = index.add_child(instance=NewsPage(title="2018", slug="2018"))
    year_named.save_revision().publish()
    for path in (f"{index.slug}/draft-item/", f"{index.slug}/2018/"):
        assert fast_route(path, "en") == wagtail_route(path, "en"), path
    assert fast_route(f"{index.slug}/draft-item/", "en") is None
    assert draft.pk and fast_route(f"{index.slug}/2018/", "en")[0] == index.pk


def test_pages_below_an_unpublished_section_route_as_in_wagtail(db, locales):
    index = NewsIndexPage.objects.get(locale=locales[1])
    Page.objects.filter(pk=index.pk).update(live=False)
    item = NewsPage.objects.child_of(index).live().first()
    path = f"{index.slug}/{item.slug}/"
    assert fast_route(path, "en") == wagtail_route(path, "en")
