"""A translator uses translation memory in chromium: on a page whose Bulgarian translation has
just been requested, the memory panel offers a 100% match for the intro and a fuzzy match for the
paragraph; "Use" saves each through the editor, which then shows it as the segment's translation."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_a_translator_uses_a_100_percent_match_and_a_fuzzy_match(browser, site_url):
    context, page = log_in(browser, site_url, "translator-bg")
    page.goto(f"{site_url}/admin/pages/search/?q=Memory+check&locale=bg")
    page.get_by_role("link", name=re.compile("Memory check")).first.click()
    panel = page.locator("[data-translation-memory]")
    panel.locator("summary").click()
    exact = panel.locator("[data-match][data-similarity='100']").first  # the intro
    expect(exact).to_be_visible()
    exact_translation = exact.locator("strong").inner_text()
    save_screenshot(page, "memory-panel")
    exact.get_by_role("button", name="Use").click()
    page.wait_for_load_state("load")
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_text(exact_translation).first).to_be_visible()

    fuzzy = fuzzy_match(page)
    expect(fuzzy).to_contain_text("% similar")
    expect(fuzzy.locator("del, ins").first).to_be_visible()
    fuzzy_translation = fuzzy.locator("strong").inner_text()
    fuzzy.get_by_role("button", name="Use").click()
    page.wait_for_load_state("load")
    expect(editor.get_by_text(fuzzy_translation).first).to_be_visible()
    context.close()


def fuzzy_match(page, attempts=20):
    """The paragraph's first fuzzy match in the memory panel. Fuzzy matches come from each
    gunicorn worker's word index, built in a background thread after the worker's first lookup
    (localization/memory.py): until then a worker offers exact matches only, so the translator
    reloads, as a person would, until it is there."""
    for _attempt in range(attempts):
        panel = page.locator("[data-translation-memory]")
        panel.locator("summary").click()
        paragraph = panel.locator(".translation-memory__segment", has_text="tomorrow")
        fuzzy = paragraph.locator("[data-match]:not([data-similarity='100'])").first
        if fuzzy.count():
            return fuzzy
        page.wait_for_timeout(1_000)
        page.reload(wait_until="load")
    return fuzzy
