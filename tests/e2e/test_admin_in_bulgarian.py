"""The whole admin in Bulgarian, as a Bulgarian-preferring editor (a member of the Editors group)
and a Bulgarian translator (Translators BG) see it in chromium (browser language Bulgarian, no
admin language chosen: a new user's admin is Bulgarian).

On each screen the test collects the visible INTERFACE text and asserts that at least 99% of its
words are Bulgarian; a failure lists the English leftovers per screen, and test-artifacts/
bg-admin-<role>.json holds every screen's figures. Screenshots: test-artifacts/
bg-admin-<role>-<screen>.png.

Interface text is every text node of the document (not of iframes: the preview panel renders the
page's content) whose element is visible (`checkVisibility`), plus the placeholder of a visible
empty field, EXCEPT what holds content:
- elements matched by CONTENT: the header's <h1> (the title of the page, image or snippet shown),
  the breadcrumbs (the titles of the object shown and of its parents), image titles, the rich
  text editor, textareas, select options, the user's own name; the values of inputs are never
  text nodes;
- the body cells of listing tables (titles, names, slugs, dates, people), except the status tags
  and buttons in them, which are interface;
- CONTENT_TEXTS: the texts of the page the translation editor shows (its segments have no stable
  class: wagtail-localize styles them with generated class names);
- anything inside <script>, <style>, <template>, and screen-reader-only text (not visible).
Parts of a screen shown on demand (tabs, side panels) are collected after each is opened and
counted with their screen.

A word is a run of letters (digits and punctuation split words; numbers are no words). It is
Bulgarian when it has a Cyrillic letter. E-mail addresses, addresses (URLs, paths), file names,
slugs (lowercase Latin words joined by hyphens, e.g. the example "smart-cities") and image sizes
("600x400") are removed before words are counted, and the words in NEITHER (product and format
names, language codes, "slug" which the glossary keeps in "адрес (slug)") are counted neither way.
Every other word is an English leftover."""

import json
import re
from contextlib import suppress

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import ARTIFACTS, EDITOR, add_user_through_admin, save_screenshot, sign_in
from .test_admin_csp import USERS, CspCrawl

pytestmark = pytest.mark.browser

MINIMUM_SHARE = 0.99
# Two people whose admin is Bulgarian because nobody chose otherwise, with Bulgarian names (a
# person's name is content; it appears in the account menu). An e-mail address is ASCII.
PEOPLE = {
    "editor": ("редактор-бг", "Editors", "Мария", "Петрова", "bg-editor@example.org"),
    "translator": ("преводач-бг", "Translators BG", "Иван", "Иванов", "bg-translator@example.org"),
}
NEITHER = {
    word.casefold()
    for word in [
        "Wagtail",
        "BG",
        "EN",
        "slug",
        "JPG",
        "PO",
        "XLIFF",
        "URL",
        "URLs",
        "SVG",
        "HTML",
        "JSON",
        "oEmbed",
        "ID",
        "UTC",
        "CSV",
        "PDF",
        "JPEG",
        "PNG",
        "GIF",
        "WebP",
        "AVIF",
        "HEIC",
        "Ctrl",
        "Cmd",
        "Alt",
        "Shift",
        "Enter",
        "Esc",
        "Tab",
        "Markdown",
        "RSS",
        "iCal",
        "Sofia",
        "Knowledge",
        "City",
        "SKC",
    ]
}
CONTENT = ", ".join(
    [
        "textarea",
        ".w-field__textoutput",  # a read-only field's value (e.g. a topic's other-language name)
        "[contenteditable]",
        ".Draftail-Editor",
        "td.title",  # listing title cells (pages, snippets, documents, reports)
        ".title-wrapper",
        "[data-listing-page-title]",
        "header h1, .w-header__title, #header-title",  # the title of the object (or screen) shown
        ".w-breadcrumbs li",  # the titles of the object and its parents
        "figcaption",  # image titles in the image library
        ".sidebar-footer__account-name",
        ".avatar",
        "option",  # choices are seen when a select is opened; its value is content
        "[data-w-preview-target]",
        "#w-preview-iframe",
        ".comments-list",
    ]
)
# The translation editor's page (tests/e2e/setup_translation_job.py): its source texts.
CONTENT_TEXTS = ["Green roofs for Sofia", "A new guide."]
# Listing table body cells hold content, except these interface parts of them.
LISTING_CELL = "tbody td"
CELL_INTERFACE = ".w-status, .status-tag, button, .button, [role=menuitem], .w-dropdown__content"
COLLECT = """([content, contentTexts, listingCell, cellInterface]) => {
  const texts = [];
  const hidden = "script, style, noscript, template, .w-sr-only, .visuallyhidden, .sr-only";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !element || element.closest(hidden) || element.closest(content)) continue;
    if (element.closest(listingCell) && !element.closest(cellInterface)) continue;
    if (contentTexts.includes(text)) continue;
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    texts.push(text);
  }
  for (const field of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
    if (!field.value && !field.closest(content) && field.checkVisibility()) {
      texts.push(field.placeholder);
    }
  }
  return texts;
}"""
NOT_WORDS = re.compile(
    r"\S+@\S+\.\w+"  # e-mail addresses
    r"|\w+://\S+|(?<!\w)/[\w/.:?=&%-]*"  # addresses and paths
    r"|[\w.-]+\.(?:png|jpe?g|gif|webp|svg|pdf|docx?|xlsx?|odt|txt|csv|po|xliff|json)\b"
    r"|(?-i:\b[a-z0-9]+(?:-[a-z0-9]+)+\b)"  # slugs (lowercase)
    r"|\d+\s*[x×]\s*\d+",  # image sizes
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def words_of(texts):
    """(Bulgarian words, English leftovers with the text they were found in)."""
    bulgarian, english = 0, []
    for text in texts:
        for word in WORD.findall(NOT_WORDS.sub(" ", text)):
            if CYRILLIC.search(word):
                bulgarian += 1
            elif word.casefold() not in NEITHER:
                english.append((word, text[:120]))
    return bulgarian, english


class BulgarianCrawl(CspCrawl):
    """One person's admin crawl: each screen's interface words, counted Bulgarian or not."""

    screenshot_prefix = ""  # test-artifacts/bg-admin-<role>-<screen>.png

    def __init__(self, browser, site_url, role):
        super().__init__(browser, site_url, f"bg-admin-{role}", locale="bg-BG")
        self.screens = {}

    def collect_words(self, screen):
        texts = self.page.evaluate(COLLECT, [CONTENT, CONTENT_TEXTS, LISTING_CELL, CELL_INTERFACE])
        found = self.screens.setdefault(screen, {"bulgarian": 0, "english": []})
        bulgarian, english = words_of(texts)
        found["bulgarian"] += bulgarian
        found["english"] += english

    def screen(self, screen, path, required=True):
        """Open a screen, count its words and keep its screenshot."""
        if not self.visit(screen, path, required=required):
            return False
        self.collect_words(screen)
        return True

    def open_each(self, selector, screen):
        """Open every visible tab or side panel of the screen and count what it shows."""
        items = self.page.locator(selector)
        for index in range(items.count()):
            item = items.nth(index)
            if item.is_visible():
                item.click()
                self.settle()
                self.collect_words(screen)
        save_screenshot(self.page, f"{self.name}-{screen}-opened")

    def figures(self):
        rows = {}
        for screen, found in self.screens.items():
            total = found["bulgarian"] + len(found["english"])
            rows[screen] = {
                "share": round(found["bulgarian"] / total, 4) if total else 1.0,
                "words": total,
                "english": sorted({word for word, _text in found["english"]}),
                "leftovers": sorted({f"{word!r} in {text!r}" for word, text in found["english"]}),
            }
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"{self.name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2))
        return rows


@pytest.fixture(scope="module")
def bulgarian_people(browser, site_url):
    """The administrator adds the two people through the admin's user form."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, site_url, USERS["admin"])
    for person in PEOPLE.values():
        add_user_through_admin(page, site_url, *person)
    context.close()
    return {role: person[0] for role, person in PEOPLE.items()}


# A translation's state beside each explorer row ("BG: Актуален"), not a page's title.
TRANSLATION_BADGE = re.compile(r"^[A-Z]{2}: ")


def crawl_screens(crawl, role):
    screen = crawl.screen
    screen("dashboard", "/admin/")
    screen("explorer", "/admin/pages/")
    bg_home = crawl.page.url.split(crawl.site_url, 1)[1]
    if bg_home == "/admin/pages/":  # the root: one home per language
        bg_home = next(
            href.replace("edit/", "")
            for href, label in crawl.anchors(r"^/admin/pages/\d+/edit/$")
            if CYRILLIC.search(label) and not TRANSLATION_BADGE.match(label)
        )
    screen("explorer-home", bg_home)
    bg_news = crawl.links(r"^/admin/pages/\d+/edit/$", r"^Новини$")[0].replace("edit/", "")
    screen("explorer-news", bg_news)
    green = crawl.links(r"^/admin/pages/\d+/edit/$", r"^Green roofs for Sofia$")[0]

    screen("page-edit", f"{bg_home}edit/")
    crawl.open_each("[role=tablist] [role=tab]", "page-edit")
    crawl.open_each("[data-side-panel-toggle]:not([data-side-panel-toggle=preview])", "page-edit")

    screen("translation-editor", green)
    crawl.open_each("[role=tablist] [role=tab]", "translation-editor")
    translate = crawl.page.get_by_role("button", name=re.compile(r"^(Translate|Преведи)$"))
    if translate.count():  # a string opened for translation (not saved)
        translate.first.click()
        crawl.settle()
        crawl.collect_words("translation-editor")

    screen("translation-status", "/admin/translation-status/")
    screen("snippets", "/admin/snippets/", required=False)
    screen("snippets-topic", "/admin/snippets/snippets/topic/")
    topic = crawl.links(r"^/admin/snippets/snippets/topic/edit/")[0]
    screen("snippet-edit", topic)
    crawl.open_each("[role=tablist] [role=tab]", "snippet-edit")
    screen("images", "/admin/images/")
    images = crawl.links(r"^/admin/images/\d+/(\?|$)")
    if images:  # a translator's library lists only their own uploads
        screen("image-edit", images[0])
    screen("image-upload", "/admin/images/multiple/add/")
    screen("documents", "/admin/documents/")
    documents = crawl.links(r"^/admin/documents/edit/\d+/$")
    if documents:
        screen("document-edit", documents[0])
    screen("document-upload", "/admin/documents/multiple/add/")
    screen("workflows", "/admin/workflows/list/", required=False)
    screen("report-workflow", "/admin/reports/workflow/", required=False)
    screen("report-workflow-tasks", "/admin/reports/workflow_tasks/", required=False)
    screen("account", "/admin/account/")
    crawl.open_each("[role=tablist] [role=tab]", "account")


def sign_in_and_lockout_screens(crawl):
    """The sign-in page, then the lockout: five wrong passwords for one name lock it (django-axes,
    operations/login_throttling.py); a name nobody uses, so that no e2e user is locked."""
    crawl.page.context.clear_cookies()
    crawl.page.goto(f"{crawl.site_url}/admin/login/")
    crawl.settle()
    save_screenshot(crawl.page, f"{crawl.name}-sign-in")
    crawl.collect_words("sign-in")
    for attempt in range(5):
        crawl.page.fill("input[name=username]", f"заключен-{crawl.name}")
        crawl.page.fill("input[name=password]", f"wrong-{attempt}")
        crawl.page.click("button[type=submit]")
        with suppress(PlaywrightTimeoutError):
            crawl.page.wait_for_load_state("networkidle", timeout=8_000)
    crawl.settle()
    save_screenshot(crawl.page, f"{crawl.name}-lockout")
    crawl.collect_words("lockout")
    assert crawl.page.locator(".messages, .error-message, [role=alert]").count()


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_the_admin_speaks_bulgarian(browser, site_url, bulgarian_people, role):
    crawl = BulgarianCrawl(browser, site_url, role)
    try:
        sign_in(crawl.page, site_url, bulgarian_people[role], EDITOR[1])
        crawl.settle()
        crawl_screens(crawl, role)
        sign_in_and_lockout_screens(crawl)
        figures = crawl.figures()
    finally:
        crawl.close()
    print(f"\n[{role}] Bulgarian share of the interface words per screen:")
    for screen, row in figures.items():
        print(f"  {screen:24} {row['share']:7.2%} of {row['words']:4} words  {row['english']}")
    failing = {screen: row for screen, row in figures.items() if row["share"] < MINIMUM_SHARE}
    assert not failing, "\n".join(
        f"[{role}] {screen}: {row['share']:.2%} Bulgarian; English leftovers:\n    "
        + "\n    ".join(row["leftovers"])
        for screen, row in failing.items()
    )
