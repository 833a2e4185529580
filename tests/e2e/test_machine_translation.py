"""A translator uses machine translation in chromium, against a fake LibreTranslate server on
loopback: "Translate with LibreTranslate" fills the segments, which the editor notes and the panel
above it lists as machine translation to confirm; "Confirm" takes one off the list."""

import re

import pytest
from playwright.sync_api import expect

from tests.localization.translation_servers import FakeTranslationServer

from .conftest import log_in, save_screenshot, serve_site

pytestmark = pytest.mark.browser

INTRO = "Sofia gets forty new charging points for electric buses."
INTRO_BG = "София получава четиридесет нови зарядни станции за електрически автобуси."
# One page per admin language below: each test machine-translates its own.
TITLES = {"en": "Machine check A", "bg": "Machine check B"}
PAGE = f"""
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from pages.models import NewsIndexPage, NewsPage

english = Locale.objects.get(language_code="en")
for title in {list(TITLES.values())!r}:
    machine_page = NewsPage(title=title, slug=title.lower().replace(" ", "-"), intro={INTRO!r})
    NewsIndexPage.objects.get(locale=english).add_child(instance=machine_page)
    machine_page.save_revision().publish()
    machine_source, _created = TranslationSource.get_or_create_from_instance(machine_page)
    Translation.objects.create(
        source=machine_source, target_locale=Locale.objects.get(language_code="bg")
    ).save_target(publish=False)
"""
# What each admin language calls the steps of docs/translating.md's "Machine translation".
LABELS = {
    "en": {
        "user": "translator-bg",
        "translate": "Translate with LibreTranslate",
        "panel": "were machine-translated and wait for a translator",
        "note": "machine translation, not yet confirmed",
        "confirm": "Confirm",
    },
    "bg": {
        "user": "bg-translator-bg",
        "translate": "Преведи с LibreTranslate",
        "panel": "са преведени машинно и чакат преводач",
        "note": "машинен превод, непотвърден",
        "confirm": "Потвърди",
    },
}


@pytest.fixture(scope="module")
def machine_site(tmp_path_factory, seed_site_copy):
    """A site of its own whose machine translator is the fake LibreTranslate server."""
    with FakeTranslationServer({INTRO: INTRO_BG}) as server:
        environment = {"MT_ENGINE": "libretranslate", "LIBRETRANSLATE_URL": server.url}
        yield from serve_site(tmp_path_factory, seed_site_copy, environment, PAGE)


@pytest.mark.parametrize("language", ["en", "bg"])
def test_a_translator_machine_translates_and_confirms(browser, machine_site, language):
    labels, title = LABELS[language], TITLES[language]
    context, page = log_in(browser, machine_site, labels["user"])
    page.goto(f"{machine_site}/admin/pages/search/?q={title.replace(' ', '+')}&locale=bg")
    page.get_by_role("link", name=re.compile(title)).first.click()
    expect(page.locator("[data-machine-translation]")).to_have_count(0)
    page.get_by_role("button", name=labels["translate"]).click()
    page.wait_for_load_state("load")

    panel = page.locator("[data-machine-translation]")
    expect(panel).to_contain_text(labels["panel"])
    segments = panel.locator("[data-machine-segment]")
    count = segments.count()
    assert count >= 2  # the title and the intro, at least
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_text(INTRO_BG).first).to_be_visible()
    expect(editor.get_by_text(labels["note"]).first).to_be_visible()
    save_screenshot(page, f"machine-translation-panel-{language}")

    panel.locator("[data-machine-segment]", has_text=INTRO_BG).get_by_role(
        "button", name=labels["confirm"]
    ).click()
    page.wait_for_load_state("load")
    expect(page.locator("[data-machine-segment]")).to_have_count(count - 1)
    expect(page.locator("[data-machine-segment]", has_text=INTRO_BG)).to_have_count(0)
    context.close()
