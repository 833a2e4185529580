"""A reader's link checker over the public site: from /bg/ and /en/ (and the sitemap that
robots.txt names) every internal address the site prints is requested once — pages, filters,
archives, pagination, feeds, calendars, images, static files, sitemap entries — and must end in
200 after redirects. External links (other hosts, mailto:, tel:) are listed, never fetched.
The same crawl records HTML pages whose <title> or <h1> is missing, empty, or shared by two
addresses of one language. Run on a small bilingual site with a page of every type (made with
wagtail-factories, tests/factories.py) and on a generated site large enough for pagination and
year archives with many items."""

import io
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from tests.factories import bilingual_site, site_with_every_page_type

START = ["/bg/", "/en/", "/robots.txt"]
INTERNAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
LANGUAGES = ("bg", "en")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
META_LINKS = {"og:url", "og:image", "twitter:image"}


class PageReader(HTMLParser):
    """The addresses an HTML page links to or loads, its <title> and its <h1> texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.h1s = [], []
        self.title = None
        self.open = None  # "title" or "h1" while inside one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.links.append(candidate.split()[0])
        if tag == "meta" and attrs.get("property") in META_LINKS and attrs.get("content"):
            self.links.append(attrs["content"])
        if tag == "title" and self.title is None:
            self.open, self.title = "title", ""
        elif tag == "h1":
            self.open = "h1"
            self.h1s.append("")

    def handle_endtag(self, tag):
        if tag == self.open:
            self.open = None

    def handle_data(self, data):
        if self.open == "title":
            self.title += data
        elif self.open == "h1":
            self.h1s[-1] += data


def xml_links(body):
    """Addresses in a sitemap or feed: <loc> and <link> texts, and href attributes."""
    links = []
    for element in ET.fromstring(body).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("loc", "link", "id") and (element.text or "").strip().startswith("http"):
            links.append(element.text.strip())
        if element.get("href"):
            links.append(element.get("href"))
    return links


def calendar_links(body):
    """The URL properties of an iCalendar file (folded lines unfolded first)."""
    text = body.decode().replace("\r\n ", "").replace("\n ", "")
    return [line.split(":", 1)[1] for line in text.splitlines() if re.match(r"URL[:;]", line)]


def squash(text):
    return " ".join((text or "").split())


class PublicCrawl:
    def __init__(self):
        self.client = Client()
        self.seen = set()
        self.queue = []
        self.found_on = {}
        self.status = {}
        self.external = defaultdict(set)  # address -> pages it is on
        self.pages = {}  # final address of an HTML page -> (title, [h1 texts])

    def add(self, href, page):
        href = href.strip()
        if not href or href.startswith(("#", "data:", "javascript:")):
            return
        absolute = urljoin("http://testserver" + (page if page.startswith("/") else "/"), href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.hostname not in INTERNAL_HOSTS:
            self.external[absolute].add(page)
            return
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        if address not in self.seen:
            self.seen.add(address)
            self.found_on[address] = page
            self.queue.append(address)

    def run(self, start=START):
        for address in start:
            self.add(address, "(start)")
        while self.queue:
            self.visit(self.queue.pop(0))
        return self

    def visit(self, address):
        if address.startswith("/media/"):  # served by the storage (a web server or a bucket)
            name = address.removeprefix("/media/")
            self.status[address] = 200 if default_storage.exists(name) else 404
            return
        response = self.client.get(address, follow=True)
        self.status[address] = response.status_code
        if response.status_code != 200:
            return
        final = response.request["PATH_INFO"] + (
            f"?{response.request['QUERY_STRING']}" if response.request.get("QUERY_STRING") else ""
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        kind = response.get("Content-Type", "").split(";")[0]
        if kind == "text/html":
            reader = PageReader()
            reader.feed(body.decode())
            self.pages[final] = (squash(reader.title), [squash(h1) for h1 in reader.h1s])
            links = reader.links
        elif kind.endswith("xml"):
            links = xml_links(body)
        elif kind == "text/calendar":
            links = calendar_links(body)
        elif kind == "text/css":
            links = CSS_URL.findall(body.decode())
        elif kind == "text/plain" and address == "/robots.txt":
            links = [line.split(":", 1)[1] for line in body.decode().splitlines()
                     if line.lower().startswith("sitemap:")]  # fmt: skip
        else:
            links = []
        for link in links:
            self.add(link, final)

    @staticmethod
    def language(address):
        first = address.split("/")[1] if address.count("/") > 1 else ""
        return first if first in LANGUAGES else "shared"

    def broken(self):
        return [
            f"{address} -> {status} (on {self.found_on[address]})"
            for address, status in self.status.items()
            if status != 200
        ]

    def heading_problems(self):
        """Pages with a missing or empty <title> or <h1>, and titles or h1s that two addresses
        of one language share."""
        problems = []
        by_title, by_h1 = defaultdict(list), defaultdict(list)
        for address, (title, h1s) in self.pages.items():
            language = self.language(address)
            if not title or title.startswith("|"):
                problems.append(f"{address}: no <title> text")
            else:
                by_title[language, title].append(address)
            if not h1s or not all(h1s):
                problems.append(f"{address}: no <h1> text")
            elif len(h1s) > 1:
                problems.append(f"{address}: {len(h1s)} <h1>")
            else:
                by_h1[language, h1s[0]].append(address)
        for what, groups in (("<title>", by_title), ("<h1>", by_h1)):
            for (_language, text), addresses in groups.items():
                if len(addresses) > 1:
                    problems.append(f"the same {what} {text!r} on {', '.join(sorted(addresses))}")
        return problems

    def report(self, name, seconds, cpu_seconds):
        print(f"\n[{name}] crawled in {seconds:.1f} s ({cpu_seconds:.1f} s of CPU)")
        for language in (*LANGUAGES, "shared"):
            checked = [a for a in self.status if self.language(a) == language]
            pages = [a for a in self.pages if self.language(a) == language]
            external = [
                a
                for a, on in self.external.items()
                if any(self.language(p) == language for p in on)
            ]
            broken = [a for a in checked if self.status[a] != 200]
            print(
                f"[{name}] {language}: links checked {len(checked)}, pages crawled {len(pages)}, "
                f"external links {len(external)}, broken {len(broken)}"
            )
        for address, on in sorted(self.external.items()):
            print(f"[{name}] external (not fetched): {address} (on {sorted(on)[0]})")


@pytest.fixture
def crawl_settings(settings, caplog):
    """whitenoise serves the static files from the apps' folders, as `runserver` would, since
    the test run has no collectstatic (its middleware reads the setting when a client starts);
    the request log's line per address is left out of the output."""
    settings.WHITENOISE_USE_FINDERS = True
    caplog.set_level(logging.WARNING, logger="skc.requests")


def crawl_and_check(name):
    started, cpu = time.monotonic(), time.process_time()
    crawl = PublicCrawl().run()
    crawl.report(name, time.monotonic() - started, time.process_time() - cpu)
    assert len([a for a in crawl.pages if a.startswith("/bg/")]) > 20
    assert len([a for a in crawl.pages if a.startswith("/en/")]) > 20
    assert "/sitemap.xml" in crawl.status and any(".ics" in a for a in crawl.status)
    assert any(a.startswith("/static/") for a in crawl.status)
    assert crawl.broken() == [], "\n".join(["Broken links:", *crawl.broken()])
    problems = crawl.heading_problems()
    assert problems == [], "\n".join(["Titles and headings:", *problems])
    return crawl


def show_a_picture():
    """The pages show no uploaded image (the EU emblem is drawn inline since #19): a Bulgarian
    news page gets an uploaded image in its body, so renditions are crawled too."""
    from wagtail_factories import ImageFactory

    from pages.models import NewsPage

    page = NewsPage.objects.live().filter(locale__language_code="bg").first()
    image = ImageFactory(title="Емблема")
    page.body.append(("image", {"image": image, "alt_text": "Емблема", "caption": ""}))
    page.save_revision().publish()


def test_every_link_of_a_site_with_every_page_type_answers(locales, crawl_settings):
    pages = site_with_every_page_type()
    show_a_picture()
    crawl = crawl_and_check("every page type")
    for language in LANGUAGES:
        missed = [name for name, page in pages[language].items() if page.url not in crawl.pages]
        assert missed == [], f"every page type is crawled in {language}"
    assert any(a.startswith("/media/") for a in crawl.status), "images are checked"


def test_every_link_of_a_large_generated_site_answers(locales, crawl_settings):
    """Small enough to stay fast (every filter combination of every year is a page), dense
    enough (two years) for year archives with a second page; generated into the news and events
    sections of a bilingual site."""
    bilingual_site()
    for language in LANGUAGES:
        call_command(
            "generate_large_site", news=25, events=16, years=2, language=language,
            prefix="crawl", stdout=io.StringIO(),
        )  # fmt: skip
    crawl = crawl_and_check("large")
    assert any("?page=" in a and re.search(r"/\d{4}/", a) for a in crawl.status), (
        "a year archive with more than one page of items is crawled"
    )
