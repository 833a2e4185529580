"""A reader in a real browser: the language switcher, an accessibility scan (axe-core) of every
kind of page in both languages, and screenshots on a phone and a desktop for review."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from home.content import pages as seed
from localization.slugs import latin_slug

from .conftest import save_screenshot

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
