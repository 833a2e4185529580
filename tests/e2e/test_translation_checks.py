"""A Bulgarian translator (admin in Bulgarian) finds, through the status report's "has errors"
filter, a translation whose amount differs from its source's, sees the error beside the segment
and the glossary term of the segment, fixes the amount (the error goes), hands it in, and the
moderator approves and publishes it: in chromium, as the real users."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in, moderator_acts, save_screenshot

pytestmark = pytest.mark.browser
SOURCE_TITLE = "Cluster budget approved"
WRONG_AMOUNT_ERROR = "Числата се различават (липсват: 1234567.5; добавени: 1243567.5)."
FIXED_INTRO = "Бюджетът на клъстера от 1 234 567,50 лв. е одобрен."


def test_translator_fixes_a_changed_amount_and_the_moderator_publishes(browser, site_url):
    context, page = log_in(browser, site_url, "bg-translator-bg")
    page.goto(f"{site_url}/admin/translation-status/?language=bg&checks=errors")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    expect(row.locator("[data-check-errors='1']")).to_contain_text("1 грешка")
    save_screenshot(page, "checks-1-status-report-has-errors")
    row.get_by_role("link", name="Редактирай").click()

    editor = page.locator(".js-translation-editor")
    expect(editor).to_contain_text(f"Грешка: {WRONG_AMOUNT_ERROR}")
    panel = page.locator("[data-translation-checks]")
    expect(panel.locator("[data-glossary-term]").first).to_contain_text("cluster → клъстер")
    save_screenshot(page, "checks-2-error-beside-the-segment")

    segment = editor.locator("li", has_text="1 243 567,50").last
    segment.get_by_role("button", name="Редактирай", exact=True).click()
    editor.locator("textarea").first.fill(FIXED_INTRO)
    editor.get_by_role("button", name="Запази", exact=True).first.click()
    expect(editor).to_contain_text(FIXED_INTRO)
    expect(editor).not_to_contain_text(WRONG_AMOUNT_ERROR)
    save_screenshot(page, "checks-3-fixed")

    page.get_by_role("button", name="Изпрати за преглед").click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    context.close()

    context, page = log_in(browser, site_url, "moderator")
    moderator_acts(page, site_url, "Approve", title="Бюджетът на клъстера е одобрен")
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    expect(row.locator("[data-status=up_to_date]")).to_be_visible()
    expect(row.locator("[data-check-errors]")).to_have_count(0)
    save_screenshot(page, "checks-4-published")
    context.close()
