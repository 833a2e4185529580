"""Wagtail's content checker with the language checks (localization/quality/content_checker.py),
in chromium, as an editor whose admin speaks Bulgarian: the "Checks" panel of a Bulgarian news
item whose paragraph holds an English name not marked with its language names the finding in
Bulgarian; the same paragraph with the name marked "Език: английски" (lang="en") has none, and
an English name in the title (plain text, a proper name) is never a finding.

The pages are written before the browser opens them: the panel checks the preview, which Wagtail
renders from the editor's form, and Draftail's keystrokes reached that form unreliably on a
loaded machine (so the toolbar button itself is not clicked here)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot, serve_site

pytestmark = pytest.mark.browser
UNMARKED = "Пасаж на английски не е отбелязан с езика си"
OUR_FINDINGS = [
    UNMARKED,
    "Езикът, посочен в кода на страницата, не е нейният език",
    "Изображение в този превод няма алтернативен текст",
]
NAME = "Smart City Summit Expo"
PARAGRAPHS = {
    "Участие в Smart City Summit Expo в Тайпе": f"<p>Клъстерът представи проекти на {NAME}.</p>",
    "Отново на Smart City Summit Expo в Тайпе": (
        f'<p>Клъстерът представи проекти на <span lang="en">{NAME}</span>.</p>'
    ),
}
PAGES = f"""
from wagtail.models import Locale
from wagtail.rich_text import RichText
from pages.models import NewsIndexPage
from tests.factories import NewsPageFactory

bulgarian = Locale.objects.get(language_code="bg")
news = NewsIndexPage.objects.get(locale=bulgarian)
for title, paragraph in {PARAGRAPHS!r}.items():
    page = NewsPageFactory(
        parent=news, locale=bulgarian, title=title, intro="Клъстерът участва в изложението.",
        body=[("paragraph", RichText(paragraph))],
    )
    page.save_revision().publish()
"""


@pytest.fixture(scope="module")
def checked_site(tmp_path_factory, seed_site_copy):
    yield from serve_site(tmp_path_factory, seed_site_copy, extra_job=PAGES)


def open_checks(page, site_url, title):
    page.goto(f"{site_url}/admin/pages/search/?q={title.replace(' ', '+')}")
    page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    page.locator("[data-side-panel-toggle='checks']").click()
    panel = page.locator("[data-side-panel='checks']")
    return panel


def found(panel, count):
    """The panel's heading once its checks ran: "Открити проблеми N"."""
    heading = panel.get_by_role("heading", name=re.compile(rf"^Открити проблеми\s*{count}$"))
    expect(heading).to_be_visible(timeout=30_000)


def test_the_checks_panel_finds_an_unmarked_english_passage_in_bulgarian(browser, checked_site):
    unmarked, marked = PARAGRAPHS
    context, page = log_in(browser, checked_site, "bg-editor")
    panel = open_checks(page, checked_site, unmarked)
    found(panel, 1)  # the paragraph's name; the same name in the title is not a finding
    expect(panel).to_contain_text(UNMARKED)
    expect(panel).to_contain_text("Език: английски")
    save_screenshot(page, "content-checker-1-unmarked-english-passage", focus=panel)
    context.close()

    # A fresh sign-in: the admin remembers an open side panel, and the toggle would close it.
    context, page = log_in(browser, checked_site, "bg-editor")
    panel = open_checks(page, checked_site, marked)
    found(panel, 0)
    for finding in OUR_FINDINGS:
        expect(panel).not_to_contain_text(finding)
    save_screenshot(page, "content-checker-2-clean", focus=panel)
    context.close()
