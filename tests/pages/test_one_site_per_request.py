"""A database may hold more than the site a reader asked for (a second site, or a tree no site
serves): the news feeds, the events calendar, the search, the sitemap, the EU band and the
footer's accessibility link show the request's site only."""

import datetime

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from tests.factories import (
    AccessibilityStatementPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ProjectFundingPageFactory,
)
from tests.factories import bilingual_site as make_bilingual_site

OTHER_HOST = "127.0.0.1"  # (in the test settings' ALLOWED_HOSTS; the default site answers others)


def fill(home, news, events, name, project_start):
    """A news item, an event, a running funded project and an accessibility statement, each
    titled with ``name``, in English under ``home``."""
    NewsPageFactory(parent=news, title=f"{name} news")
    EventPageFactory(parent=events, title=f"{name} event", start_date=datetime.date(2026, 5, 1))
    ProjectFundingPageFactory(
        parent=home,
        title=f"{name} project",
        project_number=f"{name.upper()}-001",
        start_date=project_start,
    )
    AccessibilityStatementPageFactory(parent=home, title=f"{name} accessibility statement")


@pytest.fixture
def sites(locales):
    """The default site (made by ``bilingual_site``), and a second English tree: served by a
    site of its own at OTHER_HOST. The second tree's project started later, so a band that took
    the latest project of a language, whatever its site, would show it on the first."""
    ours = make_bilingual_site()["en"]
    fill(ours["home"], ours["news"], ours["events"], "Ours", datetime.date(2025, 1, 1))
    home = HomePageFactory(parent=Page.get_first_root_node(), title="Another site")
    news, events = NewsIndexPageFactory(parent=home), EventIndexPageFactory(parent=home)
    fill(home, news, events, "Theirs", datetime.date(2026, 1, 1))
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=home, site_name="Another site")


@pytest.mark.parametrize(
    ("host", "shown", "hidden"),
    [({}, "Ours", "Theirs"), ({"HTTP_HOST": OTHER_HOST}, "Theirs", "Ours")],
)
def test_each_site_shows_its_own_pages(client, sites, host, shown, hidden):
    feed = feedparser.parse(client.get("/en/feeds/news.rss", **host).content)
    assert [entry.title for entry in feed.entries] == [f"{shown} news"]

    calendar = icalendar.Calendar.from_ical(client.get("/en/feeds/events.ics", **host).content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [f"{shown} event"]

    found = BeautifulSoup(client.get("/en/search/?q=news", **host).content, "html.parser")
    assert f"{shown} news" in found.get_text()
    assert f"{hidden} news" not in found.get_text()

    sitemap = client.get("/sitemap.xml", **host).content.decode()
    assert f"{shown.lower()}-news" in sitemap
    assert hidden.lower() not in sitemap

    home = BeautifulSoup(client.get("/en/", **host).content, "html.parser")
    assert f"{shown.upper()}-001" in home.select_one(".eu-band").get_text()
    assert home.select_one(".site-footer__links a").get_text() == (
        f"{shown} accessibility statement"
    )
