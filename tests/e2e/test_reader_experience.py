"""A reader in a real browser: the language switcher, an accessibility scan (axe-core) of every
kind of page in both languages, and screenshots on a phone and a desktop for review; a second
engine, HTML_CodeSniffer (WCAG2AA errors), over every public page type in both languages."""

import os
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from localization.slugs import latin_slug
from sitecontent import pages as seed

from .conftest import ROOT, save_screenshot

pytestmark = pytest.mark.browser

SPECS = {spec["key"]: spec for spec in seed.PAGES}
PAGES_TO_SCAN = [
    "home",
    "news-16-plus-1",
    "event-scse-2023",
    "label",
    "funding",
    "news",
    "events",
    "accessibility",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def content_path(key: str, lang: str) -> str:
    """The public path of a seed page, from the titles its slugs are made of."""
    if key == "home":
        return f"/{lang}/"
    spec = SPECS[key]
    return f"{content_path(spec['parent'], lang)}{latin_slug(spec['title'].get(lang))}/"


def test_reader_switches_from_a_bulgarian_news_page_to_its_english_translation(page, site_url):
    page.goto(site_url + content_path("news-16-plus-1", "bg"))
    expect(page.locator("h1")).to_have_text(SPECS["news-16-plus-1"]["title"].bg)
    page.locator(".language-switcher a[hreflang=en]").click()
    expect(page).to_have_url(site_url + content_path("news-16-plus-1", "en"))
    expect(page.locator("h1")).to_have_text(SPECS["news-16-plus-1"]["title"].en)
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("lang", ["bg", "en"])
@pytest.mark.parametrize("key", PAGES_TO_SCAN)
def test_pages_have_no_serious_accessibility_violations(browser, site_url, key, lang):
    axe = Axe()
    for name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        response = page.goto(site_url + content_path(key, lang))
        assert response.status == 200
        save_screenshot(page, f"{key}-{lang}-{name}")
        results = axe.run(page)
        serious = [
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        context.close()
        assert serious == [], f"{key} [{lang}, {name}]: {serious}"


HTMLCS = ROOT / "tests/e2e/node_modules/html_codesniffer/build/HTMLCS.js"
# HTML_CodeSniffer's WCAG2AA errors (type 1: not its warnings or notices), each with a CSS path
# to its element.
HTMLCS_ERRORS = """() => new Promise((resolve, reject) => {
  const path = (element) => {
    const steps = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      if (node.id) { steps.unshift(`#${node.id}`); break; }
      const siblings = [...(node.parentElement?.children || [])];
      const same = siblings.filter((n) => n.tagName === node.tagName);
      const nth = same.length > 1 ? `:nth-of-type(${same.indexOf(node) + 1})` : "";
      steps.unshift(node.tagName.toLowerCase() + nth);
    }
    return steps.join(" > ");
  };
  HTMLCS.process("WCAG2AA", document, () => resolve(
    HTMLCS.getMessages().filter((m) => m.type === HTMLCS.ERROR)
      .map((m) => `${m.code}: ${m.msg} [${m.element ? path(m.element) : "document"}]`)
  ), reject, "en");
})"""


def public_page_types(lang):
    """An address of each public page type in ``lang``."""
    return {
        "home": content_path("home", lang),
        "news index": content_path("news", lang),
        "news page": content_path("news-16-plus-1", lang),
        "events index": content_path("events", lang),
        "event page": content_path("event-scse-2023", lang),
        "year archive": content_path("events", lang) + "2023/",
        "label page": content_path("label", lang),
        "funding page": content_path("funding", lang),
        "search results": f"/{lang}/search/?q=" + ("клъстер" if lang == "bg" else "cluster"),
        "404 page": f"/{lang}/no-such-page/",
    }


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_html_codesniffer_finds_no_wcag2aa_errors_on_any_page_type(browser, site_url, lang):
    if not HTMLCS.exists():
        message = f"{HTMLCS} is missing: `make e2e-tools` (npm ci in tests/e2e) installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    try:
        for name, path in public_page_types(lang).items():
            response = page.goto(site_url + path)
            assert response.status == (404 if name == "404 page" else 200), path
            page.add_script_tag(path=str(HTMLCS))
            found[name] = page.evaluate(HTMLCS_ERRORS)
        # The engine does report: an image without a text alternative is an error (H37).
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<img src=\"/static/icons/icon.svg\">')")  # fmt: skip
        assert any("H37" in error for error in page.evaluate(HTMLCS_ERRORS))
    finally:
        context.close()
    for name, errors in found.items():
        print(f"[htmlcs {lang}] {name}: {len(errors)} error(s)")
        for error in errors:
            print(f"[htmlcs {lang}]   {error}")
    print(f"[htmlcs {lang}] {len(found)} page types in {time.monotonic() - started:.1f} s")
    assert not any(found.values()), {name: errors for name, errors in found.items() if errors}
