"""A Bulgarian translator hands in a translation for review from the translation editor, the
moderator asks for a change from the dashboard, the translator sees the comment in the editor
and resubmits, the moderator approves: in chromium, as the real users (screenshots of each step
in test-artifacts/, used by docs/translating.md)."""

import pytest
from playwright.sync_api import expect

from .conftest import save_screenshot
from .test_translator_workflow import log_in

pytestmark = pytest.mark.browser
SOURCE_TITLE = "Work meetings of Cluster Sofia Knowledge City in the United Kingdom"


def open_from_status_report(page, site_url):
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    save_screenshot(page, "review-1-status-report")
    row.get_by_role("link", name="Edit").click()
    expect(page.locator("[data-review-state]")).to_be_visible()


def moderator_acts(page, site_url, action, comment=None):
    page.goto(f"{site_url}/admin/")
    awaiting = page.locator("#awaiting-review-section")
    expect(awaiting).to_be_visible()
    awaiting.get_by_role("button", name="Actions").first.click()
    awaiting.get_by_role("button", name=action, exact=True).first.click()
    if comment is not None:
        dialog = page.locator(".modal-content, [role=dialog]").filter(has=page.locator("textarea"))
        dialog.locator("textarea[name=comment]").fill(comment)
        save_screenshot(page, "review-3-request-changes")
        dialog.get_by_role("button", name=action).click()
    expect(page.locator("#awaiting-review-section")).to_have_count(0)


def test_translator_submits_moderator_requests_changes_then_approves(browser, site_url):
    context, page = log_in(browser, site_url, "translator-bg")
    open_from_status_report(page, site_url)
    editor_url = page.url
    page.fill("form[data-review-action=submit] textarea[name=comment]", "Ready for review.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    save_screenshot(page, "review-2-submitted")
    context.close()

    context, page = log_in(browser, site_url, "moderator")
    moderator_acts(page, site_url, "Request changes", "Please shorten the title.")
    context.close()

    context, page = log_in(browser, site_url, "translator-bg")
    page.goto(editor_url)
    banner = page.locator("[data-review-state=changes_requested]")
    expect(banner).to_contain_text("Please shorten the title.")
    save_screenshot(page, "review-4-changes-requested")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    context.close()

    context, page = log_in(browser, site_url, "moderator")
    moderator_acts(page, site_url, "Approve")
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    expect(row.locator("[data-status=up_to_date]")).to_be_visible()
    save_screenshot(page, "review-5-approved")
    context.close()
