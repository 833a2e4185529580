"""What feed readers, calendars and search engines get: RSS/Atom, .ics and JSON-LD."""

import datetime
import json

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from home.models import HomePage
from pages.models import EventPage, NewsPage
from sitecontent.loader import content_key


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("lang", ["bg", "en"])
def test_news_feeds_parse_and_hold_only_their_language(client, locales, kind, lang):
    response = client.get(f"/{lang}/feeds/news.{kind}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    locale = locales[0] if lang == "bg" else locales[1]
    expected = list(
        NewsPage.objects.live()
        .filter(locale=locale)
        .order_by("-date", "-pk")
        .values_list("title", flat=True)
    )
    assert [entry.title for entry in feed.entries] == expected
    assert all(f"/{lang}/" in entry.link for entry in feed.entries)
    assert feed.feed.get("language", lang).startswith(lang)


def test_feeds_are_linked_from_every_page_head(client, locales):
    soup = BeautifulSoup(client.get("/bg/").content, "html.parser")
    hrefs = {link["type"]: link["href"] for link in soup.select("link[rel=alternate][type]")}
    assert hrefs["application/rss+xml"] == "/bg/feeds/news.rss"
    assert hrefs["application/atom+xml"] == "/bg/feeds/news.atom"
    assert hrefs["text/calendar"] == "/bg/feeds/events.ics"


def event(key, locale):
    return EventPage.objects.get(translation_key=content_key("page", key), locale=locale)


def test_event_ics_has_the_right_dates_in_the_readers_language(client, locales):
    bg, _en = locales
    scse = event("event-scse-2023", bg)
    response = client.get(f"/bg/feeds/events/{scse.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == scse.title
    assert vevent.decoded("DTSTART") == datetime.date(2023, 3, 28)
    assert vevent.decoded("DTEND") == datetime.date(2023, 4, 2), "DTEND is exclusive"
    assert "Тайпе" in str(vevent["LOCATION"])


def test_month_only_event_spans_its_month_in_the_calendar(client, locales):
    ecocity = event("event-ecocity-2023", locales[1])
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/en/feeds/events/{ecocity.pk}.ics").content
    )
    (vevent,) = calendar.walk("VEVENT")
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (
        datetime.date(2023, 6, 1),
        datetime.date(2023, 7, 1),
    )


def test_timed_event_uses_the_sofia_time_zone(client, locales):
    ecocity = event("event-ecocity-2023", locales[1])
    ecocity.date_precision = "day"
    ecocity.start_date = ecocity.end_date = datetime.date(2023, 6, 12)
    ecocity.start_time, ecocity.end_time = datetime.time(10, 0), datetime.time(17, 30)
    ecocity.save_revision().publish()
    response = client.get(f"/en/feeds/events/{ecocity.pk}.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Sofia"
    assert start.astimezone(datetime.UTC).hour == 7, "10:00 in Sofia is 07:00 UTC in summer"
    assert calendar.walk("VTIMEZONE"), "the calendar carries its time zone"


def test_calendar_feed_holds_the_events_of_one_language(client, locales):
    calendar = icalendar.Calendar.from_ical(client.get("/bg/feeds/events.ics").content)
    summaries = sorted(str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT"))
    expected = sorted(
        EventPage.objects.live().filter(locale=locales[0]).values_list("title", flat=True)
    )
    assert summaries == expected


def test_ics_of_an_unknown_or_other_language_event_is_404(client, locales):
    english = event("event-scse-2023", locales[1])
    assert client.get(f"/bg/feeds/events/{english.pk}.ics").status_code == 404
    assert client.get("/bg/feeds/events/999999.ics").status_code == 404


def json_ld(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    (script,) = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_news_article_json_ld(client, locales):
    page = NewsPage.objects.get(
        translation_key=content_key("page", "news-label"), locale=locales[0]
    )
    data = json_ld(client, page.url)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["datePublished"] == "2019-02-21"
    assert data["inLanguage"] == "bg"
    assert data["publisher"]["@type"] == "Organization"


def test_event_json_ld_with_hybrid_attendance(client, locales):
    data = json_ld(client, event("event-ecocity-2023", locales[1]).url)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2023-06"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {location["@type"] for location in data["location"]} == {"Place", "VirtualLocation"}
    assert data["location"][0]["address"]["addressLocality"] == "London"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_organization_json_ld_on_the_home_page(client, locales):
    data = json_ld(client, "/en/")
    assert data["@type"] == "Organization"
    assert data["name"] == HomePage.objects.get(locale=locales[1]).title
    assert data["alternateName"] == HomePage.objects.get(locale=locales[0]).title


def test_json_ld_cannot_break_out_of_its_script(client, locales):
    page = NewsPage.objects.get(translation_key=content_key("page", "news-uk"), locale=locales[1])
    page.intro = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client, page.url)["description"] == page.intro


def test_funding_page_lists_its_projects_news_in_each_language(client, locales):
    from pages.models import ProjectFundingPage

    for locale in locales:
        funding = ProjectFundingPage.objects.get(locale=locale)
        soup = BeautifulSoup(client.get(funding.url).content, "html.parser")
        activities = [a.get_text(strip=True) for a in soup.select(".project-activities a")]
        label_news = NewsPage.objects.get(
            translation_key=content_key("page", "news-label"), locale=locale
        )
        assert activities == [label_news.title]
        assert soup.select_one(".eu-acknowledgement svg.eu-flag[role=img]")["aria-label"]
        assert "BG16RFOP002-2.009-0018-C01" in soup.select_one(".facts").get_text()


def test_amounts_follow_the_readers_language(client, locales):
    from decimal import Decimal

    from pages.models import ProjectFundingPage

    for locale, expected in zip(
        locales, ("1\xa0234\xa0567,50 BGN", "1,234,567.50 BGN"), strict=True
    ):
        funding = ProjectFundingPage.objects.get(locale=locale)
        funding.budget = Decimal("1234567.50")
        funding.save_revision().publish()
        soup = BeautifulSoup(client.get(funding.url).content, "html.parser")
        facts = {
            div.dt.get_text(strip=True): div.dd.get_text(strip=True)
            for div in soup.select(".facts > div")
        }
        assert expected in facts.values(), facts
