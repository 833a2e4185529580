"""Content Security Policy in a real browser: the admin pages that administrators, editors and
translators use, and the public pages of both languages (anonymous, and with the Wagtail userbar
of a logged-in editor), are crawled in chromium; every violation the browser reports is
collected and none may occur.

Violations are caught twice: a `securitypolicyviolation` listener that an init script installs
in every frame of the page (the preview panel's iframe included), and chromium's console
messages that mention "Content Security Policy". A failure lists each violation with its
directive, blocked resource, source line and sample, and the report is also written to
test-artifacts/csp-<crawl>.json; screenshots go to test-artifacts/csp-<crawl>-<step>.png."""

import json
import re
from contextlib import suppress
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from localization.slugs import latin_slug
from sitecontent import pages as seed

from .conftest import ARTIFACTS, EDITOR, add_user_through_admin, save_screenshot, sign_in

pytestmark = pytest.mark.browser

# The superuser of the e2e site is conftest's "editor" (created by ensure_admin); a member of
# the Editors group is created through the admin by the `editors_group_user` fixture.
USERS = {"admin": EDITOR[0], "editor": "csp-editor", "translator": "translator-bg"}

RECORDER = """
(() => {
  if (window.__cspViolations) return;
  const found = [];
  Object.defineProperty(window, "__cspViolations", { value: found });
  window.addEventListener("securitypolicyviolation", (event) => {
    found.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      column: event.columnNumber,
      sample: event.sample,
      disposition: event.disposition,
      document: event.documentURI,
    });
  }, true);
})();
"""
DRAIN = "() => (window.__cspViolations ? window.__cspViolations.splice(0) : [])"

SPECS = {spec["key"]: spec for spec in seed.PAGES}
PUBLIC_PAGES = ["home", "news", "news-16-plus-1", "events", "label"]
SEARCH_WORD = {"bg": "клъстер", "en": "cluster"}
REPORTS = ["locked", "site-history", "aging-pages", "workflow", "workflow_tasks"]
REPORTS += ["page-types-usage"]


def content_path(key: str, lang: str) -> str:
    """The public path of a seed page, from the titles its slugs are made of."""
    if key == "home":
        return f"/{lang}/"
    spec = SPECS[key]
    return f"{content_path(spec['parent'], lang)}{latin_slug(spec['title'].get(lang))}/"


class CspCrawl:
    """One browser context (one person) visiting pages and collecting CSP violations."""

    screenshot_prefix = "csp-"  # test-artifacts/<prefix><name>-<step>.png

    def __init__(self, browser, site_url, name, locale="en-GB"):
        self.site_url, self.name = site_url, name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.add_init_script(RECORDER)
        self.page.on("console", self._console)
        self.step = "start"
        self.visited, self.denied, self.violations = [], [], []

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(
                {"step": self.step, "url": self.page.url, "console": message.text}
            )

    def settle(self):
        """Let the page finish loading and its scripts run, then take what they reported."""
        with suppress(PlaywrightTimeoutError):
            self.page.wait_for_load_state("networkidle", timeout=8_000)
        self.page.wait_for_timeout(300)
        self.collect()

    def collect(self):
        for frame in self.page.frames:
            try:
                found = frame.evaluate(DRAIN)
            except PlaywrightError:  # a frame that went away meanwhile
                continue
            for violation in found:
                self.violations.append({"step": self.step, "frame": frame.url, **violation})

    def visit(self, step, path, required=True):
        """Open an address; a required one must answer without an error or a permission
        redirect. Returns whether it was shown."""
        self.collect()  # anything from the previous page, before it goes
        self.step = step
        response = self.page.goto(self.site_url + path)
        self.settle()
        status = response.status if response else 0
        landed = urlsplit(self.page.url).path
        refused = status >= 400 or landed.startswith("/admin/login/")
        refused |= landed == "/admin/" and urlsplit(path).path != "/admin/"
        if refused:
            self.denied.append(f"{step}: {path} -> HTTP {status} at {landed}")
            assert not required, f"[{self.name}] {step}: {path} answered {status} at {landed}"
            return False
        self.visited.append(step)
        save_screenshot(self.page, f"{self.screenshot_prefix}{self.name}-{step}")
        return True

    def log_in(self, username):
        self.step = "login"
        sign_in(self.page, self.site_url, username)
        self.settle()

    def anchors(self, pattern, text=None):
        """(href, text) of the page's links whose href (and text) match, in order."""
        found = self.page.eval_on_selector_all(
            "a[href]", "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
        )
        return [
            (href, label)
            for href, label in found
            if re.search(pattern, href) and (text is None or re.search(text, label))
        ]

    def links(self, pattern, text=None):
        return [href for href, _label in self.anchors(pattern, text)]

    def click_each(self, selector, step):
        """Click every visible element matching selector (tabs, side panel toggles)."""
        items = self.page.locator(selector)
        for index in range(items.count()):
            item = items.nth(index)
            if not item.is_visible():
                continue
            label = item.get_attribute("data-side-panel-toggle") or item.inner_text().strip()
            self.step = f"{step}:{label or index}"
            item.click()
            self.settle()

    def report(self):
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"csp-{self.name}.json").write_text(
            json.dumps(
                {"visited": self.visited, "denied": self.denied, "violations": self.violations},
                ensure_ascii=False,
                indent=2,
            )
        )
        return describe(self.name, self.violations)

    def close(self):
        self.context.close()


def describe(name, violations):
    """One line per distinct violation (blocked addresses cut to their origin), with the steps
    (pages) where it happened; the full details are in the JSON report."""
    seen = {}
    for found in violations:
        if "console" in found:
            text = re.sub(r"'(https?://[^/']+)/[^']+'", r"'\1/...'", found["console"].strip())
            what = f"console: {text}"
        else:
            blocked = found["blocked"] or ""
            if "://" in blocked:
                blocked = "{0.scheme}://{0.netloc}/...".format(urlsplit(blocked))
            what = (
                f"event: {found['directive']} ({found['disposition']}) blocked {blocked!r} "
                f"at {found['source'] or '-'}:{found['line']} sample {found['sample']!r}"
            )
        seen.setdefault(what, []).append(found["step"])
    return [
        f"[{name}] {what} -- {len(steps)}x, on: {', '.join(dict.fromkeys(steps))}"
        for what, steps in seen.items()
    ]


@pytest.fixture(scope="module")
def editors_group_user(browser, site_url):
    """A member of the Editors group (neither superuser nor translator), created by the
    administrator in the admin's user form."""
    crawl = CspCrawl(browser, site_url, "setup")
    crawl.log_in(USERS["admin"])
    add_user_through_admin(crawl.page, site_url, USERS["editor"], "Editors", "CSP", "Editor")
    crawl.close()
    return USERS["editor"]


def open_editor(crawl, step, edit_path):
    """A page's editor: every tab, every side panel (status, checks, comments...), and last the
    live preview panel, whose iframe renders the page."""
    crawl.visit(step, edit_path)
    crawl.click_each("[role=tablist] [role=tab]", f"{step}-tab")
    crawl.click_each(
        "[data-side-panel-toggle]:not([data-side-panel-toggle=preview])", f"{step}-panel"
    )
    toggle = crawl.page.locator("[data-side-panel-toggle=preview]")
    if toggle.count():
        crawl.step = f"{step}-preview"
        toggle.click()
        with suppress(PlaywrightTimeoutError):  # the preview renders into the side panel
            crawl.page.wait_for_function(
                "() => document.querySelector('#w-preview-iframe')"
                "?.contentDocument?.querySelector('main, h1')",
                timeout=15_000,
            )
        crawl.settle()
        save_screenshot(crawl.page, f"csp-{crawl.name}-{step}-preview")


# The translation editor's heading in either admin language (a new user's admin is Bulgarian).
TRANSLATION_EDITOR_HEADING = re.compile(
    r"Translation from English into Bulgarian|Превод от английски на български"
)


def open_translation_editor(crawl, step, edit_path):
    """wagtail-localize's editor (a translated page's edit address): its tabs, and a string
    opened for translation (not saved: the translator workflow test translates it)."""
    crawl.visit(step, edit_path)
    expect(crawl.page.get_by_text(TRANSLATION_EDITOR_HEADING).first).to_be_visible()
    if crawl.page.get_by_text("Превод от английски на български").count():
        # The footer menu button's hidden label follows the Bulgarian admin too.
        expect(crawl.page.locator(".w-sr-only", has_text="Още действия").first).to_be_attached()
        expect(crawl.page.locator(".w-sr-only", has_text="More actions")).to_have_count(0)
    crawl.click_each("[role=tablist] [role=tab]", f"{step}-tab")
    translate = crawl.page.get_by_role("button", name=re.compile(r"^(Translate|Преведи)$"))
    if translate.count():
        crawl.step = f"{step}-string"
        translate.first.click()
        crawl.settle()
        save_screenshot(crawl.page, f"csp-{crawl.name}-{step}-string")


def crawl_admin(crawl, role):
    visit = crawl.visit
    visit("dashboard", "/admin/")
    visit("explorer-root", "/admin/pages/")
    if urlsplit(crawl.page.url).path == "/admin/pages/":  # the root: one home per language
        homes = {
            href.replace("edit/", ""): language_of(label)
            for href, label in crawl.anchors(r"^/admin/pages/\d+/edit/$")
        }
    else:  # a translator is taken to their own tree
        homes = {urlsplit(crawl.page.url).path: language_of(crawl.page.locator("h1").inner_text())}
    news_indexes = {}
    for home, language in homes.items():
        visit(f"explorer-home-{language}", home)
        news = crawl.links(r"^/admin/pages/\d+/edit/$", r"^(News|Новини)$")
        assert news, f"[{crawl.name}] no news section in {home}"
        index = news[0].replace("edit/", "")
        visit(f"explorer-news-{language}", index)
        news_indexes[language] = (home, index)
    assert "bg" in news_indexes, f"[{crawl.name}] the Bulgarian tree is not shown"

    bg_home, bg_news = news_indexes["bg"]
    crawl.page.goto(crawl.site_url + bg_news)
    green_bg = crawl.links(r"^/admin/pages/\d+/edit/$", r"^Green roofs for Sofia$")
    assert green_bg, f"[{crawl.name}] the translation of 'Green roofs for Sofia' is not listed"
    open_translation_editor(crawl, "translation-editor", green_bg[0])
    open_editor(crawl, "edit-home-bg", f"{bg_home}edit/")  # the home page's source is Bulgarian
    if "en" in news_indexes:
        crawl.page.goto(crawl.site_url + news_indexes["en"][1])
        green_en = crawl.links(r"^/admin/pages/\d+/edit/$", r"^Green roofs for Sofia$")
        open_editor(crawl, "edit-news-en", green_en[0])
    else:  # a translator's news page is a translation: another one in the editor
        crawl.page.goto(crawl.site_url + bg_news)
        others = crawl.links(r"^/admin/pages/\d+/edit/$")
        other = next(href for href in others if href not in (green_bg[0], f"{bg_news}edit/"))
        visit("edit-news-bg", other)
        crawl.click_each("[role=tablist] [role=tab]", "edit-news-bg-tab")

    visit("add-child-chooser", f"{bg_home}add_subpage/")
    visit("add-news-form", f"{bg_news}add_subpage/")  # only news pages: straight to the form
    visit("images", "/admin/images/")
    images = crawl.links(r"^/admin/images/\d+/(\?|$)")
    # A translator's library lists only the images they uploaded (docs/translating.md).
    assert images or role == "translator", f"[{crawl.name}] no image in the library"
    if images:
        visit("image-edit", images[0])
    visit("image-upload", "/admin/images/multiple/add/")
    visit("documents", "/admin/documents/")
    documents = crawl.links(r"^/admin/documents/edit/\d+/$")
    if documents:
        visit("document-edit", documents[0])
    visit("document-upload", "/admin/documents/multiple/add/")
    visit("snippets", "/admin/snippets/", required=False)  # may lead to the dashboard
    for model in ("organisation", "topic"):
        visit(f"snippets-{model}", f"/admin/snippets/snippets/{model}/")
        edits = crawl.links(rf"^/admin/snippets/snippets/{model}/edit/", r"[а-яА-Я]")
        edits = edits or crawl.links(rf"^/admin/snippets/snippets/{model}/edit/")
        assert edits, f"[{crawl.name}] no {model} to edit"
        visit(f"snippet-edit-{model}", edits[0])
        crawl.click_each("[role=tablist] [role=tab]", f"snippet-edit-{model}-tab")
    visit("translation-status", "/admin/translation-status/")
    visit("translation-jobs", "/admin/translation-jobs/", required=role == "admin")
    for report in REPORTS:
        visit(f"report-{report}", f"/admin/reports/{report}/", required=role == "admin")
    if role == "admin":
        visit("users", "/admin/users/")
        visit("user-edit", crawl.links(r"^/admin/users/edit/\d+/$")[0])
        visit("user-add", "/admin/users/new/")
        visit("groups", "/admin/groups/")
        visit("group-edit", crawl.links(r"^/admin/groups/edit/\d+/$", r"^Editors$")[0])
    visit("search-pages", f"/admin/pages/search/?q={SEARCH_WORD['bg']}")
    visit("search-images", "/admin/images/?q=hall")
    visit("account", "/admin/account/")


def language_of(title):
    return "bg" if re.search(r"[а-яА-Я]", title) else "en"


@pytest.mark.parametrize("role", ["admin", "editor", "translator"])
def test_admin_pages_have_no_csp_violations(browser, site_url, editors_group_user, role):
    crawl = CspCrawl(browser, site_url, f"admin-{role}")
    try:
        crawl.log_in(USERS[role])
        crawl_admin(crawl, role)
        crawl.collect()
        problems = crawl.report()
    finally:
        crawl.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_public_pages_have_no_csp_violations(browser, site_url, editors_group_user, who):
    crawl = CspCrawl(browser, site_url, f"public-{who}")
    try:
        if who == "editor":
            crawl.log_in(editors_group_user)
            crawl.violations.clear()  # the admin's own pages are the admin crawl's business
        for lang in ("bg", "en"):
            for key in PUBLIC_PAGES:
                crawl.visit(f"{key}-{lang}", content_path(key, lang))
                if who == "editor":
                    expect(crawl.page.locator("wagtail-userbar")).to_have_count(1)
            crawl.visit(f"search-{lang}", f"/{lang}/search/?q={SEARCH_WORD[lang]}")
        if who == "editor":  # the userbar's menu runs its content checks in the page
            crawl.step = "userbar-open"
            crawl.page.locator("[data-wagtail-userbar-trigger]").click()
            crawl.settle()
            save_screenshot(crawl.page, f"csp-{crawl.name}-userbar")
        crawl.collect()
        problems = crawl.report()

        # The recorder works: an injected inline script is refused and reported.
        crawl.step = "self-check"
        crawl.page.evaluate(
            "() => document.head.append(Object.assign(document.createElement('script'),"
            " { textContent: 'window.__injected = true' }))"
        )
        crawl.settle()
        caught = [v for v in crawl.violations if v["step"] == "self-check"]
        assert crawl.page.evaluate("() => window.__injected") is None
    finally:
        crawl.close()
    assert any(v.get("directive", "").startswith("script-src") for v in caught), caught
    assert any("Content Security Policy" in v.get("console", "") for v in caught), caught
    assert problems == [], "\n".join(problems)
