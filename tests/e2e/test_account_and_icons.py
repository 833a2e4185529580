"""Small dead ends found by a translator's first day: the account settings' time-zone list must
hold only zones a browser knows (it offered "localtime", and the page threw a RangeError), and
public pages must have an icon (they requested /favicon.ico and got 404)."""

import pytest

from .conftest import EDITOR, save_screenshot, sign_in

pytestmark = pytest.mark.browser

UNKNOWN_ZONES = """(zones) => zones.filter((zone) => {
  try { new Intl.DateTimeFormat("en", { timeZone: zone }); return false; }
  catch (error) { return true; }
})"""


def record_problems(page):
    """Console errors and failed requests of a page, as they happen."""
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    return problems


def test_account_settings_offer_only_real_time_zones(page, site_url):
    problems = record_problems(page)
    sign_in(page, site_url, EDITOR[0])
    page.goto(f"{site_url}/admin/account/")
    page.wait_for_load_state("networkidle")
    zones = page.eval_on_selector_all(
        "select[name$=current_time_zone] option", "options => options.map(o => o.value)"
    )
    offered = [zone for zone in zones if zone]
    assert offered[0] == "Europe/Sofia", offered[:3]
    assert "localtime" not in offered
    assert page.evaluate(UNKNOWN_ZONES, offered) == []
    page.select_option("select[name$=current_time_zone]", "Europe/Sofia")
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    save_screenshot(page, "account-time-zone")
    assert problems == []


@pytest.mark.parametrize("language", ["bg", "en"])
def test_public_pages_have_an_icon_and_no_failed_requests(page, site_url, language):
    problems = record_problems(page)
    page.goto(f"{site_url}/{language}/")
    page.wait_for_load_state("networkidle")
    icons = page.eval_on_selector_all(
        "link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]",
        "links => links.map(l => l.href)",
    )
    assert len(icons) == 4, icons
    for href in [*icons, f"{site_url}/favicon.ico"]:
        response = page.request.get(href)
        assert response.status == 200, (href, response.status)
    assert problems == []
