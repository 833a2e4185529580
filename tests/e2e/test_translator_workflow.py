"""A Bulgarian translator finishes the translation of an English news page in wagtail-localize's
editor; it stays a draft until a moderator publishes it; then it is live at a Latin address.

(wagtail-localize's editor offers no "submit to workflow" action: translators' strings are saved
as they type, and publishing is the moderators' step.)"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import choose_action, log_in, save_screenshot, translate_segment

pytestmark = pytest.mark.browser


def open_translation(page, site_url):
    page.goto(f"{site_url}/admin/pages/search/?q=Green")
    page.get_by_role("link", name=re.compile("Green roofs")).first.click()
    expect(page.get_by_text("Translation from English into Bulgarian").first).to_be_visible()


def test_translator_translates_submits_and_moderator_publishes(browser, site_url):
    context, page = log_in(browser, site_url, "translator-bg")
    open_translation(page, site_url)  # the translator sees only the Bulgarian tree
    editor_url = page.url
    translate_segment(page, 0, "Зелени покриви за София")
    translate_segment(page, 0, "Ново ръководство.")
    expect(page.get_by_text("Translated manually")).to_have_count(2)
    save_screenshot(page, "translator-editor")
    page.locator("footer [data-w-dropdown-target='toggle'], .dropdown-toggle").last.click()
    expect(page.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    context.close()
    assert page_status(browser, site_url) == 404, "not live before a moderator publishes"

    context, page = log_in(browser, site_url, "moderator")
    page.goto(editor_url)
    choose_action(page, re.compile("Publish"), screenshot="action-menu-publish")
    expect(page.locator(".messages")).to_contain_text(re.compile("published", re.IGNORECASE))
    context.close()

    reader = browser.new_page()
    reader.goto(f"{site_url}/bg/novini/zeleni-pokrivi-za-sofia/")
    expect(reader.locator("h1")).to_have_text("Зелени покриви за София")
    expect(reader.locator("main")).to_contain_text("Ново ръководство.")
    save_screenshot(reader, "translated-page-live")
    reader.close()


def page_status(browser, site_url):
    reader = browser.new_page()
    response = reader.goto(f"{site_url}/bg/novini/zeleni-pokrivi-za-sofia/")
    reader.close()
    return response.status
