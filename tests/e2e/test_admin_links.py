"""Role by role, with the admin in Bulgarian: every admin link a person is shown on the
dashboard (its menus included) and the translation status report, and on the screens those
lead to, opens a screen they may use; no screen shown logs a console error or throws.

Bounded to stay fast: the start screens and the screens they link to are opened in the browser
(console errors recorded), one address per pattern (numbers replaced); the links on those
screens are checked by an HTTP request in the same session (refused or not), again one per
pattern. A bulk action's link is followed only as if the listing's first item were ticked.
Logout is never followed and no form is submitted. The findings per role go to
test-artifacts/links-<role>.json."""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import ARTIFACTS, EDITOR

pytestmark = pytest.mark.browser
ROLES = ["bg-editor", "bg-moderator", "bg-translator-bg", "bg-translator-en"]
START = ["/admin/", "/admin/translation-status/", "/admin/translation-status/?language=bg"]
SKIP = re.compile(r"^/admin/(logout/|login/)|/(download|export)|[?&]export=")
REFUSED_MESSAGE = "нямате право"
MESSAGES = re.compile(r'class="messages".*?</ul>', re.DOTALL)
# The screen's admin links. A bulk action's link is used with the ticked items' ids (Wagtail's
# script adds them): it is followed as if the first item of the listing were ticked, and not at
# all on a screen without items.
LINKS = """() => {
  const firstItem = document.querySelector("[data-bulk-action-checkbox][data-object-id]");
  return [...document.querySelectorAll('a[href^="/admin/"]')].flatMap((link) => {
    const href = link.getAttribute("href");
    if (!href.startsWith("/admin/bulk/")) return [href];
    if (!firstItem) return [];
    const joiner = href.includes("?") ? "&" : "?";
    return [href + joiner + "id=" + encodeURIComponent(firstItem.dataset.objectId)];
  });
}"""


def url_pattern(href):
    """The address with its numbers replaced, so that one of each kind is opened."""
    parts = urlsplit(href)
    return re.sub(r"\d+", "<id>", parts.path) + ("?" + parts.query if parts.query else "")


def is_refused(href, status, landed_url, text):
    """Whether opening ``href`` was refused: an error status, the sign-in form, or Wagtail's
    "no permission" redirect to the dashboard with its message."""
    landed = urlsplit(landed_url).path
    return (
        status >= 400
        or landed.startswith("/admin/login/")
        or (landed == "/admin/" and urlsplit(href).path != "/admin/")
        or REFUSED_MESSAGE in text.lower()
    )


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
        status = response.status if response else 0
        messages = " ".join(self.page.locator(".messages").all_inner_texts())
        if is_refused(href, status, self.page.url, messages):
            return None
        return self.page.evaluate(LINKS)

    def is_refused_over_http(self, href):
        """The same judgement from a plain request in this session (no page rendered)."""
        self.current = href
        response = self.context.request.get(self.site_url + href)
        body = response.text() if "html" in response.headers.get("content-type", "") else ""
        messages = MESSAGES.search(body)
        return is_refused(href, response.status, response.url, messages[0] if messages else "")

    def new_patterns(self, links, shown_on):
        """Of ``links``, one per pattern not checked yet, each recorded as checked."""
        chosen = []
        for href in links:
            pattern = url_pattern(href)
            if pattern not in self.checked and not SKIP.search(href):
                self.checked[pattern] = href
                chosen.append((href, shown_on))
        return chosen

    def crawl(self):
        rendered = self.new_patterns(START, "start")
        index = 0
        while index < len(rendered):
            href, shown_on = rendered[index]
            index += 1
            links = self.open(href)
            if links is None:
                self.refused.append([href, shown_on])
            elif shown_on == "start":
                rendered += self.new_patterns(links, href)
            else:
                for link, _ in self.new_patterns(links, href):
                    if self.is_refused_over_http(link):
                        self.refused.append([link, href])

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
