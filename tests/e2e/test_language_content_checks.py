"""Wagtail's content checker with the language checks (localization/quality/content_checker.py),
in chromium, as an editor whose admin speaks Bulgarian: the "Checks" panel of a Bulgarian news
item whose paragraph holds an English name not marked with its language names the finding in
Bulgarian; the same paragraph with the name marked "Език: английски" (lang="en") has none, and
an English name in the title (plain text, a proper name) is never a finding.

The first two pages are written before the browser opens them. On a third, the editor selects
the unmarked name in Draftail (a click, then the name's characters as the selection), clicks the
floating toolbar's "EN" ("Език: английски"), waits until Draftail has written the change into the
form's field (it does so a moment after each change) and saves a draft: the draft in the
database holds <span lang="en"> around exactly the name, and the panel's finding is gone."""

import json
import re
import sqlite3

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
PLAIN = f"<p>Клъстерът представи проекти на {NAME}.</p>"
PARAGRAPHS = {
    "Участие в Smart City Summit Expo в Тайпе": PLAIN,
    "Отново на Smart City Summit Expo в Тайпе": (
        f'<p>Клъстерът представи проекти на <span lang="en">{NAME}</span>.</p>'
    ),
}
# A third page, whose name the editor marks with the toolbar's button (Bulgarian admin: "EN",
# named "Език: английски"; pages/wagtail_hooks.py LANGUAGE_FEATURE_LABELS).
CLICKED = "Трети път на Smart City Summit Expo в Тайпе"
EN_BUTTON = "Език: английски"
ALL_PAGES = {**PARAGRAPHS, CLICKED: PLAIN}
PAGES = f"""
from wagtail.models import Locale
from wagtail.rich_text import RichText
from pages.models import NewsIndexPage
from tests.factories import NewsPageFactory

bulgarian = Locale.objects.get(language_code="bg")
news = NewsIndexPage.objects.get(locale=bulgarian)
for title, paragraph in {ALL_PAGES!r}.items():
    page = NewsPageFactory(
        parent=news, locale=bulgarian, title=title, intro="Клъстерът участва в изложението.",
        body=[("paragraph", RichText(paragraph))],
    )
    page.save_revision().publish()
"""


class Folders:
    """tmp_path_factory, remembering the folders it made (serve_site's site: its database)."""

    def __init__(self, factory):
        self.factory, self.made = factory, []

    def mktemp(self, basename):
        self.made.append(self.factory.mktemp(basename))
        return self.made[-1]


@pytest.fixture(scope="module")
def served(tmp_path_factory, seed_site_copy):
    """The site's address and its SQLite database file."""
    folders = Folders(tmp_path_factory)
    for url in serve_site(folders, seed_site_copy, extra_job=PAGES):
        yield url, folders.made[0] / "db.sqlite3"


@pytest.fixture(scope="module")
def checked_site(served):
    return served[0]


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


def draft_paragraph(database, title):
    """The paragraph of the page's latest revision (its draft), without Draftail's block keys."""
    with sqlite3.connect(database) as db:
        (content,) = db.execute(
            "SELECT r.content FROM wagtailcore_page p"
            " JOIN wagtailcore_revision r ON r.id = p.latest_revision_id WHERE p.title = ?",
            (title,),
        ).fetchone()
    (block,) = json.loads(json.loads(content)["body"])
    assert block["type"] == "paragraph"
    return re.sub(r' data-block-key="\w+"', "", block["value"])


def test_the_editor_marks_an_english_name_with_the_en_button(browser, served):
    """docs/translating.md: "select them and choose EN (Language: English)" in the text
    editor's toolbar, as the Bulgarian editor does it: the mouse selects the name, the floating
    toolbar's button marks it, the draft keeps <span lang="en"> and the finding is gone."""
    site_url, database = served
    assert draft_paragraph(database, CLICKED) == PLAIN
    context, page = log_in(browser, site_url, "bg-editor")
    panel = open_checks(page, site_url, CLICKED)
    found(panel, 1)
    expect(panel).to_contain_text(UNMARKED)

    # The name selected in the paragraph's editor: a click puts the caret in it, then the
    # selection is set on the name's characters, which Draft.js takes from the "selectionchange"
    # (as it takes a mouse's or the keyboard's; a drag's coordinates moved with the side panel).
    editor = page.locator("[data-streamfield-stream-container] .public-DraftEditor-content")
    expect(editor).to_contain_text(NAME)
    editor.click()
    editor.evaluate(
        """(editor, name) => {
            const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.data.includes(name));
            const range = document.createRange();
            range.setStart(node, node.data.indexOf(name));
            range.setEnd(node, node.data.indexOf(name) + name.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }""",
        NAME,
    )
    assert page.evaluate("() => getSelection().toString()") == NAME

    # Draftail's floating toolbar, in Bulgarian: the button "EN" named "Език: английски".
    button = page.get_by_role("button", name=EN_BUTTON, exact=True)
    expect(button).to_be_visible()
    expect(button).to_have_text("EN")
    button.click()
    expect(button).to_have_class(re.compile(r"Draftail-ToolbarButton--active"))
    save_screenshot(page, "content-checker-3-en-button-clicked")
    # Draftail writes its content to the form's field a moment after each change.
    field = page.locator("input[name='body-0-value']")
    expect(field).to_have_value(re.compile("LANG_EN"))

    page.get_by_role("button", name="Запази чернова", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(CLICKED)
    assert draft_paragraph(database, CLICKED) == (
        f'<p>Клъстерът представи проекти на <span lang="en">{NAME}</span>.</p>'
    )
    # The reloaded editor reopens the side panel it remembers: the checks of the saved draft.
    panel = page.locator("[data-side-panel='checks']")
    found(panel, 0)
    expect(panel).not_to_contain_text(UNMARKED)
    context.close()
