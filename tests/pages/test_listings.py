"""News and events listings: paging, archives and filters, with bad input giving a first page or
a 404, never a 500, on a small bilingual site made with wagtail-factories (tests/factories.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from tests.factories import EventPageFactory, NewsPageFactory, TopicFactory, bilingual_site

DAY = datetime.date
ANNOUNCEMENT = NewsPage.Kind.ANNOUNCEMENT
# Per language: (title, date, kind, topic slugs) of each news item, and (title, start, end,
# date precision) of each event.
NEWS = {
    "bg": [
        (
            "Бронзов знак за качество от Европейския секретариат за клъстерен анализ (ESCA)",
            DAY(2019, 2, 21),
            "news",
            ["smart-cities"],
        ),
        (
            "Работни срещи в Италия, организирани от клъстер „София – град на знанието“",
            DAY(2018, 7, 10),
            "news",
            [],
        ),
        ("Среща по време на срещата на върха „16 + 1“", DAY(2018, 7, 6), "news", ["smart-cities"]),
        ("Добре дошли на новите членове", DAY(2017, 3, 1), ANNOUNCEMENT, []),
        ("Проучване за устойчиви работни места", DAY(2016, 5, 4), ANNOUNCEMENT, ["climate-change"]),
    ],
    "en": [
        (
            "Bronze label from the European Secretariat for Cluster Analysis (ESCA)",
            DAY(2019, 2, 21),
            "news",
            ["smart-cities"],
        ),
        ("Welcome to the new members", DAY(2017, 3, 1), ANNOUNCEMENT, []),
        ("A survey of sustainable workplaces", DAY(2016, 5, 4), ANNOUNCEMENT, ["climate-change"]),
    ],
}
EVENTS = {
    "bg": [
        ("Изложение в Тайпе", DAY(2023, 3, 28), DAY(2023, 4, 1), "day", ["smart-cities"]),
        ("Среща в Лондон", DAY(2023, 6, 1), None, "month", ["climate-change"]),
    ],
    "en": [
        ("Expo in Taipei", DAY(2023, 3, 28), DAY(2023, 4, 1), "day", ["smart-cities"]),
        ("Summit in London", DAY(2023, 6, 1), None, "month", ["climate-change"]),
    ],
}


@pytest.fixture(autouse=True)
def site(locales):
    """An English home with news and events translated into Bulgarian (the default site's
    root), with news items and past events in each language: one item in 2019, two in July
    2018, two announcements, items about smart cities and climate change, and 2023 events (one
    over several days, one known only by its month)."""
    pages = bilingual_site()
    topics = {
        "smart-cities": TopicFactory(slug="smart-cities", name_bg="Умни градове",
                                     name_en="Smart cities"),
        "climate-change": TopicFactory(slug="climate-change", name_bg="Климатични промени",
                                       name_en="Climate change"),
    }  # fmt: skip
    for locale in locales:
        language = locale.language_code
        for title, date, kind, slugs in NEWS[language]:
            page = NewsPageFactory(
                parent=pages[language]["news"], locale=locale, title=title, date=date, kind=kind
            )
            page.topics.set([topics[slug] for slug in slugs])
            page.save_revision().publish()
        for title, start, end, precision, slugs in EVENTS[language]:
            page = EventPageFactory(
                parent=pages[language]["events"], locale=locale, title=title, start_date=start,
                end_date=end, date_precision=precision,
            )  # fmt: skip
            page.topics.set([topics[slug] for slug in slugs])
            page.save_revision().publish()
    return pages


def titles(client, url, selector=".listing__results .card__title"):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(strip=True) for node in soup.select(selector)]


@pytest.fixture
def bg_news_index(locales):
    return NewsIndexPage.objects.get(locale=locales[0])


@pytest.fixture
def many_news(bg_news_index):
    for n in range(12):
        page = NewsPage(
            title=f"Новина {n:02d}", slug=f"novina-{n:02d}", date=datetime.date(2024, 1, n + 1)
        )
        bg_news_index.add_child(instance=page)
        page.save_revision().publish()
    return bg_news_index


def test_news_are_paged_newest_first(client, many_news):
    first = titles(client, many_news.url)
    assert len(first) == 10 and first[0] == "Новина 11"
    second = titles(client, many_news.url + "?page=2")
    assert len(second) == NewsPage.objects.live().filter(locale=many_news.locale).count() - 10


@pytest.mark.parametrize("bad", ["abc", "", "1.5", "-"])
def test_a_page_number_that_is_not_a_number_gives_the_first_page(client, many_news, bad):
    assert titles(client, f"{many_news.url}?page={bad}") == titles(client, many_news.url)


@pytest.mark.parametrize("query", ["?page=99", "?page=0", "?page=-1", "?topic=no-such-topic",
                                   "?kind=gossip"])  # fmt: skip
def test_out_of_range_pages_and_unknown_filters_are_404(client, bg_news_index, query):
    assert client.get(bg_news_index.url + query).status_code == 404


def test_archive_by_year_and_month(client, bg_news_index):
    assert titles(client, f"{bg_news_index.url}2019/") == [
        "Бронзов знак за качество от Европейския секретариат за клъстерен анализ (ESCA)"
    ]
    july = titles(client, f"{bg_news_index.url}2018/7/")
    assert july == [
        "Работни срещи в Италия, организирани от клъстер „София – град на знанието“",
        "Среща по време на срещата на върха „16 + 1“",
    ] or sorted(july) == sorted(
        ["Работни срещи в Италия, организирани от клъстер „София – град на знанието“",
         "Среща по време на срещата на върха „16 + 1“"]
    )  # fmt: skip
    soup = BeautifulSoup(client.get(f"{bg_news_index.url}2018/7/").content, "html.parser")
    assert "юли 2018" in soup.select_one(".listing__heading").get_text()


@pytest.mark.parametrize("path", ["1999/", "2018/13/", "2018/0/", "99999999999999999999/"])
def test_empty_or_impossible_archives_are_404(client, bg_news_index, path):
    assert client.get(bg_news_index.url + path).status_code == 404


def test_filter_by_topic_and_kind(client, bg_news_index):
    smart = titles(client, bg_news_index.url + "?topic=smart-cities")
    assert sorted(smart) == sorted(
        NewsPage.objects.live()
        .filter(locale=bg_news_index.locale, topics__slug="smart-cities")
        .values_list("title", flat=True)
    )
    announcements = titles(client, bg_news_index.url + "?kind=announcement")
    assert set(announcements) == {
        "Добре дошли на новите членове",
        "Проучване за устойчиви работни места",
    }
    both = titles(client, bg_news_index.url + "?kind=announcement&topic=climate-change")
    assert both == ["Проучване за устойчиви работни места"]


def test_topic_names_in_filters_follow_the_language(client, locales):
    english = NewsIndexPage.objects.get(locale=locales[1])
    soup = BeautifulSoup(client.get(english.url).content, "html.parser")
    assert "Smart cities" in soup.select_one(".listing__filters").get_text()
    soup = BeautifulSoup(client.get(NewsIndexPage.objects.get(locale=locales[0]).url).content,
                         "html.parser")  # fmt: skip
    assert "Умни градове" in soup.select_one(".listing__filters").get_text()


@pytest.fixture
def bg_events(locales):
    index = EventIndexPage.objects.get(locale=locales[0])
    today = timezone.localdate()

    def add(title, slug, start, end=None, precision="day"):
        page = EventPage(title=title, slug=slug, start_date=start, end_date=end,
                         date_precision=precision)  # fmt: skip
        index.add_child(instance=page)
        page.save_revision().publish()

    add(
        "Текущо събитие",
        "tekushto",
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=1),
    )
    add("Бъдещо събитие", "badeshto", today + datetime.timedelta(days=30))
    add("Този месец", "tozi-mesets", today.replace(day=1), precision="month")
    add("Вчерашно събитие", "vcherashno", today - datetime.timedelta(days=1))
    return index


def test_upcoming_includes_events_in_progress_and_this_month(client, bg_events):
    upcoming = titles(client, bg_events.url, ".listing__results > ul:first-of-type .card__title")
    assert upcoming == ["Този месец", "Текущо събитие", "Бъдещо събитие"] or set(upcoming) == {
        "Този месец", "Текущо събитие", "Бъдещо събитие"}  # fmt: skip
    soup = BeautifulSoup(client.get(bg_events.url).content, "html.parser")
    past_heading = [h for h in soup.select(".listing__heading") if h.get_text() == "Минали събития"]
    past = [a.get_text() for a in past_heading[0].find_next("ul").select(".card__title")]
    assert "Вчерашно събитие" in past and "Бъдещо събитие" not in past


def test_past_events_archived_by_year_with_ranges_and_months(client, locales):
    index = EventIndexPage.objects.get(locale=locales[0])
    archive = client.get(f"{index.url}2023/")
    assert archive.status_code == 200
    text = BeautifulSoup(archive.content, "html.parser").get_text(" ")
    assert "28 март – 1 април 2023" in text and "юни 2023" in text
    assert client.get(f"{index.url}1990/").status_code == 404
    assert client.get(f"{index.url}?topic=nope").status_code == 404
    assert client.get(f"{index.url}?page=x").status_code == 200


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_filter_link_of_every_listing_and_archive_leads_to_items(client, locales, language):
    """Each filter a listing (or one of its year archives) offers answers 200 with items, and
    shows how many ("Умни градове (3)"): the site never links to an empty or 404 view."""
    locale = locales[0] if language == "bg" else locales[1]
    dead_ends = []
    for index in (
        NewsIndexPage.objects.get(locale=locale),
        EventIndexPage.objects.get(locale=locale),
    ):
        soup = BeautifulSoup(client.get(index.url).content, "html.parser")
        archives = [a["href"] for a in soup.select(".listing__filters a") if "?" not in a["href"]]
        for listing in [index.url, *archives]:
            soup = BeautifulSoup(client.get(listing).content, "html.parser")
            for link in soup.select(".listing__filters a[href*='topic='], a[href*='kind=']"):
                shown = link.get_text(strip=True)
                response = client.get(link["href"] if link["href"].startswith("/")
                                      else listing + link["href"])  # fmt: skip
                items = BeautifulSoup(response.content, "html.parser").select(
                    ".listing__results .card__title"
                )
                count = shown.rsplit("(", 1)[-1].rstrip(")")
                if response.status_code != 200 or not items or not count.isdigit():
                    dead_ends.append((listing, link["href"], shown, response.status_code))
    assert dead_ends == []


def test_each_view_of_a_listing_has_its_own_title_h1_and_one_address(client, site, many_news):
    """A year, a topic, a kind and a page number each show in the title and h1; the links back
    to the first page and to filters print one address per view (no page=1, one order)."""
    response = client.get(f"{many_news.url}2024/?page=2")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Новини – 2024 – страница 2 | ")
    assert soup.h1.get_text(" ", strip=True) == "Новини – 2024 – страница 2"
    assert soup.select_one("a[rel=prev]")["href"] == f"{many_news.url}2024/"
    response = client.get(f"{many_news.url}?topic=smart-cities&kind=news")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(" ", strip=True) == "Новини – Умни градове – само новини"
    switcher = soup.select_one(".language-switcher a[hreflang=en]")["href"]
    assert switcher.endswith(f"{site['en']['news'].url}?kind=news&topic=smart-cities")
    assert site["en"]["news"].url.startswith("/en/")
    topic_links = [a["href"] for a in soup.select(".filter-list")[1].select("a")]
    assert topic_links[0] == "?kind=news"  # "All" topics, of the kind chosen
    assert all(href.startswith("?kind=news&topic=") for href in topic_links[1:])
