"""An editor logs in, writes a Bulgarian news page with a paragraph and an image, publishes it,
and a reader finds it live."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import EDITOR, save_screenshot, sign_in

pytestmark = pytest.mark.browser


def test_editor_publishes_a_bulgarian_news_page_with_paragraph_and_image(page, site_url):
    sign_in(page, site_url, EDITOR[0])

    # An image in the library, uploaded as an editor does.
    page.goto(f"{site_url}/admin/images/multiple/add/")
    page.set_input_files("input[type=file]", "tests/e2e/files/hall.png")
    expect(page.locator(".status-msg.success, .w-progressbar ~ *").first).to_be_visible()

    # The Bulgarian news section, then "Add child page" (only news pages may go there).
    page.goto(f"{site_url}/admin/pages/")
    page.get_by_role("link", name=re.compile("Explore child pages of 'Клъстер „София")).click()
    page.get_by_role("link", name="Explore child pages of 'Новини'").click()
    page.get_by_role("link", name=re.compile("Add child page")).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/pages/newspage/\d+/"))

    page.fill("#id_title", "Нова зала на клъстера")
    page.fill("#id_intro", "Клъстерът откри нова зала за срещи.")
    # A paragraph block.
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("[data-streamfield-stream-container] .public-DraftEditor-content").first
    editor.click()
    editor.type("Залата побира 40 души.")
    # An image block with alt text and caption.
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Image").click()
    stream = page.locator("[data-streamfield-stream-container]")
    stream.get_by_role("button", name=re.compile("Choose an image")).click()
    page.locator(
        ".modal-content a.image-choice, .modal-content [data-chooser-modal-choice]"
    ).first.click()
    page.locator("input[name$='-value-alt_text']").fill("Празна зала със столове")
    page.locator("input[name$='-value-caption']").fill("Новата зала")
    save_screenshot(page, "editor-news-form")

    # Publish from the action menu.
    page.locator("[data-w-dropdown-target='toggle'], .dropdown-toggle").last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto(f"{site_url}/bg/novini/")
    page.get_by_role("link", name="Нова зала на клъстера").click()
    expect(page.locator("h1")).to_have_text("Нова зала на клъстера")
    expect(page.locator("main")).to_contain_text("Залата побира 40 души.")
    image = page.locator("main figure.block-image img")
    expect(image).to_have_attribute("alt", "Празна зала със столове")
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) > 0
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    save_screenshot(page, "reader-new-news-page")
