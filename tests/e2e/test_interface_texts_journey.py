"""Interface texts, the translator's journey in chromium (issue #15), in the Bulgarian admin: the
Bulgarian translator opens Настройки → Текстове на интерфейса, searches, filters by status, opens
the header's tagline, previews a change (the home page in a frame, the unsaved text marked), is
refused a lost placeholder with the Bulgarian reason and nothing saved, saves a good text that a
reader's next request of /bg/ shows (the cached page refreshed), and restores the old one from
the history. A moderator with the English admin walks the same screens (the English half of
docs/translating.md shows them); the English translator is refused the Bulgarian texts (a 403).
Screenshots: test-artifacts/texts-<step>.png."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser
SOURCE, LABEL, NEW_LABEL = (
    "Technology cluster",
    "Технологичен клъстер",
    "Технологичен клъстер на София",
)
BAD_LABEL = "Технологичен клъстер %(name)s"


class Reader:
    """A reader of /bg/ with no session (served from the page cache when it can be)."""

    def __init__(self, browser, site_url):
        self.context = browser.new_context()
        self.page, self.url = self.context.new_page(), f"{site_url}/bg/"

    def tagline(self):
        response = self.page.goto(self.url)
        assert response.status == 200
        return self.page.locator(".brand__tagline").inner_text(), response.headers.get("x-cache")

    def cached_tagline(self, visits=3):
        """The tagline once the page comes from the cache: a render is not stored when
        something was invalidated while it ran, and this site is shared with the browser tests
        before this one (a reader's second visit was a MISS now and then in CI)."""
        for _ in range(visits):
            tagline = self.tagline()
            if tagline[1] == "HIT":
                break
        return tagline


def open_interface_texts(page, settings, interface_texts):
    page.get_by_role("button", name=settings, exact=True).click()
    page.get_by_role("link", name=interface_texts, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/interface-texts/bg/$"))


def find_the_tagline(page, search, status, filter_button, shot):
    page.get_by_role("searchbox", name=search, exact=True).fill(SOURCE)
    status_filter = page.locator("label", has_text=status).locator("select[name=status]")
    status_filter.select_option("translated")
    page.get_by_role("button", name=filter_button, exact=True).click()
    row = page.locator("tbody tr", has_text=SOURCE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("config/templates/base.html")
    save_screenshot(page, shot, focus=page.locator("body"))
    row.get_by_role("link", name=SOURCE, exact=True).click()
    expect(page.locator("textarea[name=form_0]")).to_have_value(LABEL)
    return page.url


def preview(page, text, button, shot):
    page.locator("textarea[name=form_0]").fill(text)
    page.get_by_role("button", name=button, exact=True).click()
    frame = page.frame_locator("iframe[name=interface-text-preview]")
    # The frame renders a whole public page through the full stack: allow a loaded machine time.
    expect(frame.locator(".brand__tagline mark")).to_have_text(text, timeout=30_000)
    save_screenshot(page, shot, focus=page.locator("iframe[name=interface-text-preview]"))


def test_a_bulgarian_translator_changes_a_header_label_in_the_bulgarian_admin(browser, site_url):
    reader = Reader(browser, site_url)
    assert reader.cached_tagline() == (LABEL, "HIT")

    context, page = log_in(browser, site_url, "bg-translator-bg")
    open_interface_texts(page, "Настройки", "Текстове на интерфейса")
    edit_url = find_the_tagline(page, "Търсене", "Статус", "Филтрирай", "texts-1-bg-search")
    preview(page, NEW_LABEL, "Визуализация", "texts-2-bg-preview")
    assert reader.tagline() == (LABEL, "HIT"), "a preview is seen by nobody else"

    page.locator("textarea[name=form_0]").fill(BAD_LABEL)
    page.get_by_role("button", name="Запази", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Запазете заместителите от изходния текст точно както са "
        "(ги няма в изходния текст: %(name)s)."
    )
    expect(page.get_by_text("Още не е променян в администрацията.")).to_be_visible()
    save_screenshot(page, "texts-3-bg-refused", focus=page.get_by_role("alert"))
    assert reader.tagline() == (LABEL, "HIT"), "nothing saved"

    page.locator("textarea[name=form_0]").fill(NEW_LABEL)
    page.get_by_role("button", name="Запази", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Текстът на интерфейса е запазен")
    save_screenshot(page, "texts-4-bg-saved")
    assert reader.tagline() == (NEW_LABEL, "MISS"), "the cached page was refreshed"

    page.get_by_role("button", name="Възстанови текста отпреди тази промяна").click()
    expect(page.locator(".messages")).to_contain_text("Предишният текст е възстановен.")
    assert reader.tagline() == (LABEL, "MISS")
    context.close()

    context, page = log_in(browser, site_url, "moderator")  # the English admin
    open_interface_texts(page, "Settings", "Interface texts")
    find_the_tagline(page, "Search", "Status", "Filter", "texts-1-en-search")
    expect(page.locator("table.listing")).to_contain_text("Restore the text before this change")
    preview(page, NEW_LABEL, "Preview", "texts-2-en-preview")
    context.close()

    context, page = log_in(browser, site_url, "bg-translator-en")
    response = page.goto(edit_url)
    assert response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("само от модераторите")
    context.close()
    reader.context.close()
