"""The translator's day, end to end, in chromium, as separate people whose admin is in Bulgarian:
an editor writes an English news page and submits it for moderation; a moderator approves and
publishes it; the Bulgarian translator translates it from the translation status report, hands it
in for review; the moderator requests a change; the translator sees it on the dashboard and in the
editor, fixes it and hands it in again; the moderator approves and publishes; the editor changes
the English intro, the moderator publishes that; the translator syncs from the status report,
translates only the changed string and hands it in from the status report; the moderator
publishes. A reader sees each published state in Bulgarian at a Latin address.

Screenshots of each step: test-artifacts/day-<n>-<step>.png (docs/translating.md shows some)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import choose_action, log_in, moderator_acts, save_screenshot, translate_segment

pytestmark = pytest.mark.browser
EDITOR, MODERATOR, TRANSLATOR = "bg-editor", "bg-moderator", "bg-translator-bg"
TITLE = "Solar benches in Sofia parks"
INTRO, NEW_INTRO = "Forty benches charge phones.", "Sixty benches charge phones and bikes."
PARAGRAPH = "The first ones stand in Borisova gradina."
BG_TITLE = "Соларни пейки в парковете на София"
BG_TYPO_TITLE = "Соларни пейки в парковете на Софя"
BG_INTRO, BG_NEW_INTRO = (
    "Четиридесет пейки зареждат телефони.",
    "Шестдесет пейки зареждат телефони.",
)
BG_PARAGRAPH = "Първите са в Борисовата градина."
BG_ADDRESS = "/bg/novini/solarni-peyki-v-parkovete-na-sofia/"


class Day:
    """Numbered screenshots, one person's browser at a time."""

    def __init__(self, browser, site_url):
        self.browser, self.site_url, self.step = browser, site_url, 0
        self.context = self.page = None

    def as_user(self, username):
        if self.context:
            self.context.close()
        self.context, self.page = log_in(self.browser, self.site_url, username)
        return self.page

    def shot(self, name, page=None, focus=None):
        """Numbered; with ``focus`` (a locator), the viewport scrolled to it: docs/translating.md
        shows those (scripts/docs_screenshots.py)."""
        self.step += 1
        save_screenshot(page or self.page, f"day-{self.step:02d}-{name}", focus)

    def top(self):
        return self.page.locator("body")

    def goto(self, path):
        self.page.goto(self.site_url + path)

    def status_cell(self):
        """The Bulgarian cell of the news page's row in the translation status report."""
        self.goto("/admin/translation-status/?language=bg")
        row = self.page.locator("tbody tr", has_text=TITLE)
        return row.locator("td:has([data-status])")

    def reader_sees(self, path, *texts, name):
        reader = self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = reader.new_page()
        response = page.goto(self.site_url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        for text in texts:
            expect(page.locator("main")).to_contain_text(text)
        self.shot(name, page)
        reader.close()

    def submit_to_moderators(self):
        """The page editor's "Изпрати към …" once no autosave is under way: submitting while it
        is still saving sends a form the autosave has already made stale. (The autosave starts
        WAGTAIL_AUTOSAVE_INTERVAL, 500 ms, after the last change: wait past that first.)"""
        self.page.wait_for_timeout(1_500)
        expect(self.page.locator(".w-autosave-indicator__state--saving")).to_be_hidden(
            timeout=30_000
        )
        choose_action(self.page, re.compile("^Изпрати към"))
        expect(self.page.locator(".messages .success")).to_be_visible()

    def submit_for_review(self, comment):
        self.page.fill("form[data-review-action=submit] textarea[name=comment]", comment)
        self.page.get_by_role("button", name="Изпрати за преглед", exact=True).click()
        expect(self.page.locator("[data-review-state=awaiting_review]")).to_be_visible()


def test_the_translators_day_as_editor_moderator_translator_and_reader(browser, site_url):
    day = Day(browser, site_url)

    # The editor writes the English page and submits it for moderation.
    page = day.as_user(EDITOR)
    day.goto("/admin/pages/")
    page.get_by_role(
        "link", name="Разгледай подстраниците на „Cluster Sofia Knowledge City“"
    ).click()
    page.get_by_role("link", name="Разгледай подстраниците на „News“").click()
    page.get_by_role("link", name="Добави подстраница").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/pages/newspage/\d+/"))
    page.fill("#id_title", TITLE)
    page.fill("#id_intro", INTRO)
    page.locator("[data-streamfield-stream-container] button[title='Вмъкни блок']").first.click()
    page.get_by_role("option", name="Абзац").click()
    paragraph = page.locator("[data-streamfield-stream-container] .public-DraftEditor-content")
    paragraph.first.click()
    paragraph.first.type(PARAGRAPH)
    day.shot("editor-writes")
    day.submit_to_moderators()
    day.shot("editor-submitted")

    # The moderator approves it on the dashboard: the English page is published.
    page = day.as_user(MODERATOR)
    expect(page.locator("#awaiting-review-section")).to_contain_text(TITLE)
    day.shot("moderator-dashboard", focus=page.locator("#awaiting-review-section"))
    moderator_acts(page, site_url, "Одобри", title=TITLE)
    day.reader_sees("/en/news/solar-benches-in-sofia-parks/", INTRO, name="reader-english")

    # The Bulgarian translator: status report -> "Преведи" -> Bulgarian -> the translation editor.
    page = day.as_user(TRANSLATOR)
    cell = day.status_cell()
    expect(cell.locator("[data-status=missing]")).to_be_visible()
    day.shot("translator-status-missing", focus=cell)
    cell.get_by_role("link", name="Преведи", exact=True).click()
    page.get_by_label("Български", exact=True).check()
    day.shot("translator-translate-form", focus=day.top())
    page.get_by_role("button", name="Изпрати", exact=True).click()
    expect(page.locator("[data-review-state]")).to_be_visible()
    editor_url = page.url
    translate_segment(page, 0, BG_TYPO_TITLE, "bg")
    translate_segment(page, 0, BG_INTRO, "bg")
    translate_segment(page, 0, BG_PARAGRAPH, "bg")
    day.shot("translator-editor", focus=day.top())
    day.submit_for_review("Готово за преглед.")
    day.shot("translator-submitted", focus=day.top())

    # The moderator requests a change, with a comment.
    page = day.as_user(MODERATOR)
    moderator_acts(
        page,
        site_url,
        "Поискай промени",
        "„Софя“ в заглавието: „София“.",
        title=BG_TYPO_TITLE,  # the dashboard lists the translation by its own title
        screenshot=f"day-{day.step + 1:02d}-moderator-requests-changes",
    )
    day.step += 1

    # The translator sees the comment on the dashboard and in the translation editor, fixes the
    # title, resubmits.
    page = day.as_user(TRANSLATOR)
    panel = page.locator("#translation-changes-requested-section")
    expect(panel).to_contain_text("Поискани са промени във вашите преводи")
    expect(panel).to_contain_text("„Софя“ в заглавието: „София“.")
    day.shot("translator-dashboard-changes-requested", focus=panel)
    panel.get_by_role("link", name=BG_TYPO_TITLE).click()
    banner = page.locator("[data-review-state=changes_requested]")
    expect(banner).to_contain_text("„Софя“ в заглавието: „София“.")
    day.shot("translator-changes-requested", focus=banner)
    translate_segment(page, 0, BG_TITLE, "bg", button="edit")
    day.submit_for_review("Заглавието е поправено.")
    day.shot("translator-resubmitted")

    # The moderator approves and publishes; readers see it at the Latin address.
    page = day.as_user(MODERATOR)
    moderator_acts(page, site_url, "Одобри", title=BG_TITLE)
    day.reader_sees(BG_ADDRESS, BG_TITLE, BG_INTRO, BG_PARAGRAPH, name="reader-bulgarian")

    # The editor changes the English intro and submits it; the moderator publishes it.
    page = day.as_user(EDITOR)
    day.goto("/admin/pages/search/?q=Solar")
    page.get_by_role("link", name=TITLE).first.click()
    page.fill("#id_intro", NEW_INTRO)
    day.submit_to_moderators()
    page = day.as_user(MODERATOR)
    moderator_acts(page, site_url, "Одобри", title=TITLE)
    cell = day.status_cell()
    expect(cell.locator("[data-status=out_of_date]")).to_be_visible()

    # The translator syncs from the status report and translates only the changed intro.
    page = day.as_user(TRANSLATOR)
    cell = day.status_cell()
    expect(cell.locator("[data-status=out_of_date]")).to_be_visible()
    day.shot("translator-status-out-of-date", focus=cell)
    edit = cell.get_by_role("link", name="Редактирай", exact=True)  # the cell's way to the editor
    expect(edit).to_have_attribute("href", editor_url.removeprefix(site_url))
    cell.get_by_role("button", name="Синхронизирай", exact=True).click()
    expect(page).to_have_url(editor_url)
    untranslated = page.get_by_role("button", name="Преведи", exact=True)
    expect(untranslated).to_have_count(1)
    day.shot("translator-synced", focus=day.top())
    translate_segment(page, 0, BG_NEW_INTRO, "bg")
    # This time handed in from the status report's cell (its "Изпрати за преглед").
    cell = day.status_cell()
    expect(cell.locator("[data-status=draft]")).to_be_visible()
    cell.get_by_role("button", name="Изпрати за преглед", exact=True).click()
    cell = day.status_cell()
    expect(cell.locator("[data-status=awaiting_review]")).to_be_visible()
    day.shot("translator-submitted-sync", focus=cell)

    # The moderator publishes; readers see the new intro, the rest unchanged.
    page = day.as_user(MODERATOR)
    moderator_acts(page, site_url, "Одобри", title=BG_TITLE)
    day.context.close()
    day.reader_sees(BG_ADDRESS, BG_TITLE, BG_NEW_INTRO, BG_PARAGRAPH, name="reader-synced")
