"""docs/translating.md's steps that test_translation_review.py does not walk, in the English admin
(the day test, test_translators_day.py, walks them all in the Bulgarian one): the Bulgarian
translator translates a page from the status report (Translate, the language, Submit), types the
strings and submits them for review with a comment; then syncs an out-of-date translation from
the status report, translates the changed string and submits it from the report's cell.
Screenshots for the English half of the doc: test-artifacts/en-<step>.png."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot, translate_segment

pytestmark = pytest.mark.browser
MISSING, OUTRUN = "Bicycle racks at Tech Park", "Rain gardens in Lozenets"  # setup_translation_job


def status_cell(page, site_url, title):
    page.goto(f"{site_url}/admin/translation-status/?language=bg")
    return page.locator("tbody tr", has_text=title).locator("td:has([data-status])")


def test_translator_translates_and_syncs_from_the_status_report_in_english(browser, site_url):
    context, page = log_in(browser, site_url, "translator-bg")
    top = page.locator("body")

    cell = status_cell(page, site_url, MISSING)
    expect(cell.locator("[data-status=missing]")).to_have_text("Missing")
    save_screenshot(page, "en-status-missing", focus=cell)
    cell.get_by_role("link", name="Translate", exact=True).click()
    page.get_by_label("Bulgarian", exact=True).check()
    save_screenshot(page, "en-translate-form", focus=top)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator("[data-review-state]")).to_be_visible()
    translate_segment(page, 0, "Стойки за велосипеди в Тех парк")
    translate_segment(page, 0, "Петдесет стойки.")
    page.fill("form[data-review-action=submit] textarea[name=comment]", "Ready for review.")
    save_screenshot(page, "en-editor", focus=top)
    page.get_by_role("button", name="Submit for review", exact=True).click()
    expect(page.locator("[data-review-state=awaiting_review]")).to_be_visible()
    save_screenshot(page, "en-submitted", focus=top)

    cell = status_cell(page, site_url, OUTRUN)
    expect(cell.locator("[data-status=out_of_date]")).to_have_text(
        re.compile(r"^Out of date: \d+ changed segments?$")
    )
    save_screenshot(page, "en-status-out-of-date", focus=cell)
    cell.get_by_role("button", name="Sync", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("„Three gardens, one by the school.“")
    expect(page.get_by_role("button", name="Translate", exact=True)).to_have_count(1)
    save_screenshot(page, "en-synced", focus=top)
    translate_segment(page, 0, "Три градини, едната до училището.")

    cell = status_cell(page, site_url, OUTRUN)
    expect(cell.locator("[data-status=draft]")).to_be_visible()
    cell.get_by_role("button", name="Submit for review", exact=True).click()
    cell = status_cell(page, site_url, OUTRUN)
    expect(cell.locator("[data-status=awaiting_review]")).to_have_text("Awaiting review")
    save_screenshot(page, "en-status-submitted", focus=cell)
    context.close()
