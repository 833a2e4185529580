"""Role by role, with the admin in Bulgarian: every admin link a person is shown, from the
dashboard and its menus (two clicks deep) and from the translation status report, leads to a
screen they may open, and no screen logs a console error or throws an uncaught error.

Addresses are deduplicated by pattern (numbers replaced) to bound the crawl; logout is never
followed and no form is submitted. The findings per role go to test-artifacts/links-<role>.json."""

import json
import re
from contextlib import suppress
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from .conftest import ARTIFACTS, EDITOR

pytestmark = pytest.mark.browser
ROLES = ["bg-editor", "bg-moderator", "bg-translator-bg", "bg-translator-en"]
START = ["/admin/", "/admin/translation-status/", "/admin/translation-status/?language=bg"]
DEPTH = 2
SKIP = re.compile(r"^/admin/(logout/|login/)|/(download|export)|[?&]export=")
REFUSED_MESSAGE = "нямате право"
# The screen's admin links. A bulk action's link is used with the ticked items' ids (Wagtail's
# script adds them): it is followed as if the first item of the listing were ticked.
LINKS = """() => {
  const firstItem = document.querySelector("[data-bulk-action-checkbox][data-object-id]");
  return [...document.querySelectorAll('a[href^="/admin/"]')].flatMap((link) => {
    const href = link.getAttribute("href");
    if (!link.closest("[data-bulk-action-footer]")) return [href];
    if (!firstItem) return [];
    const joiner = href.includes("?") ? "&" : "?";
    return [href + joiner + "id=" + encodeURIComponent(firstItem.dataset.objectId)];
  });
}"""


def url_pattern(href):
    """The address with its numbers replaced, so that one of each kind is opened."""
    parts = urlsplit(href)
    return re.sub(r"\d+", "<id>", parts.path) + ("?" + parts.query if parts.query else "")


class LinkCrawl:
    def __init__(self, browser, site_url, username):
        self.site_url = site_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.current = "login"
        self.errors, self.refused, self.checked = [], [], {}
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.errors.append([self.current, str(error)]))
        self.page.goto(f"{site_url}/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", EDITOR[1])
        self.page.click("button[type=submit]")
        expect(self.page).to_have_url(re.compile(r"/admin/$"))

    def console(self, message):
        if message.type == "error":
            self.errors.append([self.current, message.text])

    def open(self, href):
        """Open an address; returns the admin links it shows, or None when it was refused."""
        self.current = href
        try:
            response = self.page.goto(self.site_url + href)
        except PlaywrightError as error:  # a download, not a screen
            if "Download is starting" in str(error):
                return []
            raise
        with suppress(PlaywrightTimeoutError):
            self.page.wait_for_load_state("networkidle", timeout=5_000)
        landed = urlsplit(self.page.url).path
        status = response.status if response else 0
        messages = self.page.locator(".messages").all_inner_texts()
        refused = status >= 400 or landed.startswith("/admin/login/")
        refused |= landed == "/admin/" and urlsplit(href).path != "/admin/"
        refused |= any(REFUSED_MESSAGE in text.lower() for text in messages)
        if refused:
            return None
        return self.page.evaluate(LINKS)

    def crawl(self):
        level = [(href, "start") for href in START]
        for depth in range(DEPTH + 1):
            following = []
            for href, shown_on in level:
                pattern = url_pattern(href)
                if pattern in self.checked or SKIP.search(href):
                    continue
                self.checked[pattern] = href
                links = self.open(href)
                if links is None:
                    self.refused.append([href, shown_on])
                elif depth < DEPTH:
                    following += [(link, href) for link in links]
            level = following

    def report(self, role):
        ARTIFACTS.mkdir(exist_ok=True)
        found = {"checked": len(self.checked), "refused": self.refused, "errors": self.errors}
        (ARTIFACTS / f"links-{role}.json").write_text(
            json.dumps(found, ensure_ascii=False, indent=2)
        )
        print(f"[{role}] links checked: {len(self.checked)}")
        for href, shown_on in self.refused:
            print(f"[{role}] refused: {href} (shown on {shown_on})")
        for where, text in self.errors:
            print(f"[{role}] console error on {where}: {text}")
        return found


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_link_a_role_sees_opens_without_errors(browser, site_url, role):
    crawl = LinkCrawl(browser, site_url, role)
    try:
        crawl.crawl()
        found = crawl.report(role)
    finally:
        crawl.context.close()
    assert found["refused"] == [] and found["errors"] == [], json.dumps(found, ensure_ascii=False)
