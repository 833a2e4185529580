"""Languages on every page: switcher, hreflang, canonical, OpenGraph, sitemap and robots.txt,
on a small bilingual site made with wagtail-factories (tests/factories.py)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from pages.models import NewsPage
from tests.factories import NewsPageFactory, TopicFactory, translate
from tests.factories import bilingual_site as make_bilingual_site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def site(locales):
    """An English home with news and events, translated into Bulgarian (the default site's root)."""
    return make_bilingual_site()


@pytest.fixture
def news_pair(site, locales):
    """An English news item and its Bulgarian translation: (Bulgarian, English)."""
    bg, _en = locales
    english = NewsPageFactory(
        parent=site["en"]["news"],
        title="Cluster wins a European label",
        intro="Recognised for its management.",
    )
    bulgarian = translate(
        english,
        bg,
        {
            "Cluster wins a European label": "Клъстерът получи европейски етикет",
            "Recognised for its management.": "Отличен за управлението си.",
        },
    )
    return bulgarian.specific, english


@pytest.fixture
def bulgarian_only_news(site):
    """A Bulgarian news page nobody has translated yet."""
    index = site["bg"]["news"]
    page = NewsPage(
        title="Само на български",
        slug="samo-na-balgarski",
        intro="Вход.",
        date=datetime.date(2026, 11, 20),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_head_lists_live_translations_canonical_and_x_default(client, news_pair):
    bg_page, en_page = news_pair
    soup = soup_of(client, en_page.url)
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "bg": f"http://testserver{bg_page.url}",
        "en": f"http://testserver{en_page.url}",
        "x-default": f"http://testserver{bg_page.url}",
    }
    assert soup.select_one("link[rel=canonical]")["href"] == f"http://testserver{en_page.url}"
    assert soup.select_one("meta[property='og:locale']")["content"] == "en_GB"
    assert [m["content"] for m in soup.select("meta[property='og:locale:alternate']")] == ["bg_BG"]
    assert soup.select_one("meta[property='og:type']")["content"] == "article"
    assert soup.select_one("meta[name=description]")["content"] == en_page.intro


def test_switcher_links_to_the_translation(client, news_pair):
    bg_page, en_page = news_pair
    soup = soup_of(client, bg_page.url)
    link = soup.select_one(".language-switcher a")
    assert (link["href"], link["hreflang"]) == (en_page.url, "en")
    assert soup.select_one(".language-switcher__note") is None


def test_untranslated_page_falls_back_to_its_section_with_a_note(client, bulgarian_only_news, site):
    soup = soup_of(client, bulgarian_only_news.url)
    link = soup.select_one(".language-switcher a")
    english_index = site["en"]["news"]
    assert link["href"] == english_index.url
    assert soup.select_one(".language-switcher__note") is not None
    assert client.get(link["href"]).status_code == 200
    hreflangs = [link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")]
    assert hreflangs == ["bg", "x-default"]


def test_a_draft_translation_is_never_linked(client, news_pair):
    bg_page, en_page = news_pair
    en_page.unpublish()
    soup = soup_of(client, bg_page.url)
    assert soup.select_one(".language-switcher a")["href"] != en_page.url
    assert en_page.url not in str(soup.select("link[rel=alternate]"))


def test_html_lang_and_og_locale_follow_the_language(client, news_pair):
    bg_page, _en_page = news_pair
    soup = soup_of(client, bg_page.url)
    assert soup.html["lang"] == "bg"
    assert soup.select_one("meta[property='og:locale']")["content"] == "bg_BG"


def test_sitemap_lists_every_live_page_with_reciprocal_alternates(client, site, news_pair):
    # (pages outside the site's tree, as the base's own home pages are, are not its pages)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        urls[url.findtext(f"{SITEMAP}loc")] = alternates
    homes = [site[language]["home"].path for language in ("bg", "en")]
    live = [page for page in Page.objects.live() if page.path.startswith(tuple(homes))]
    assert len(urls) == len(live) == 8  # home, news, events and a news item, in 2 languages
    for loc, alternates in urls.items():
        assert set(alternates) == {"bg", "en"}, loc
        assert loc in alternates.values()
        for href in alternates.values():
            assert urls[href] == alternates, "alternates must be reciprocal"


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_switcher_keeps_language_neutral_filters_only(client, site, locales):
    bg, _en = locales
    topic = TopicFactory(name="Pilot projects")
    english = NewsPageFactory(
        parent=site["en"]["news"],
        title="Smart city pilots",
        date=datetime.date(2018, 7, 3),
        topics=[topic],
    )
    translate(english, bg, {"Smart city pilots": "Пилотни проекти за умни градове"})
    bg_index, en_index = site["bg"]["news"], site["en"]["news"]
    soup = soup_of(client, f"{bg_index.url}2018/?topic={topic.slug}&page=1")
    link = soup.select_one(".language-switcher a")["href"]
    assert link == f"{en_index.url}?topic={topic.slug}", "no year or page that might 404"
    assert client.get(link).status_code == 200
