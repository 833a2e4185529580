"""A Bulgarian translator hands in a translation for review from the translation editor, the
moderator asks for a change from the dashboard, the translator sees the comment on the dashboard
and in the editor and resubmits, the moderator approves: in chromium, as the real users, in the
English admin (screenshots of each step in test-artifacts/, used by docs/translating.md)."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in, moderator_acts, save_screenshot

pytestmark = pytest.mark.browser
SOURCE_TITLE = "Work meetings of Cluster Sofia Knowledge City in the United Kingdom"
# The dashboard lists the translation by its own title (other tests hand in theirs too).
TITLE = "Работни срещи на клъстер „София – град на знанието“ в Обединеното кралство"


def open_from_status_report(page, site_url):
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    save_screenshot(page, "review-1-status-report", focus=row)
    row.get_by_role("link", name="Edit").click()
    expect(page.locator("[data-review-state]")).to_be_visible()


def test_translator_submits_moderator_requests_changes_then_approves(browser, site_url):
    context, page = log_in(browser, site_url, "translator-bg")
    open_from_status_report(page, site_url)
    editor_url = page.url
    page.fill("form[data-review-action=submit] textarea[name=comment]", "Ready for review.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    save_screenshot(page, "review-2-submitted", focus=page.locator("body"))
    context.close()

    context, page = log_in(browser, site_url, "moderator")
    moderator_acts(
        page,
        site_url,
        "Request changes",
        "Please shorten the title.",
        title=TITLE,
        screenshot="review-3-request-changes",
    )
    context.close()

    context, page = log_in(browser, site_url, "translator-bg")
    panel = page.locator("#translation-changes-requested-section")  # on the dashboard
    expect(panel).to_contain_text("Changes requested in your translations")
    expect(panel).to_contain_text("Please shorten the title.")
    save_screenshot(page, "review-4-dashboard-changes-requested", focus=panel)
    panel.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(editor_url)
    banner = page.locator("[data-review-state=changes_requested]")
    expect(banner).to_contain_text("Please shorten the title.")
    save_screenshot(page, "review-4-changes-requested", focus=banner)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    context.close()

    context, page = log_in(browser, site_url, "moderator")
    moderator_acts(page, site_url, "Approve", title=TITLE)
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    row = page.locator("tbody tr", has_text=SOURCE_TITLE)
    expect(row.locator("[data-status=up_to_date]")).to_be_visible()
    save_screenshot(page, "review-5-approved", focus=row)
    context.close()
