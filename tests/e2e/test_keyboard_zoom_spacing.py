"""The manual accessibility checks a browser can make, on one page of every public type in both
languages, each page visited once: keyboard only (every stop shows its focus, the language
switcher and search are reached, no trap: the footer's last link is reached), 200% zoom (a
1280 px window at 200% is 640 CSS px wide: no sideways scrolling) and the WCAG 1.4.12 text
spacing override (no text clipped, no sideways scrolling)."""

import pytest

from .test_reader_experience import content_path

pytestmark = pytest.mark.browser

PAGES = ["home", "about", "news", "news-16-plus-1", "events", "event-scse-2023", "label",
         "funding", "accessibility"]  # fmt: skip

# Every element that gets the focus, as it gets it: whether its focus shows (an outline or a
# box shadow) and where it is (recorded in the page: one round trip for the whole tour).
RECORD_FOCUS = """() => {
  window.focusStops = [];
  document.addEventListener("focusin", (event) => {
    const e = event.target;
    const s = getComputedStyle(e);
    window.focusStops.push({
      shows: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== "none"),
      text: (e.innerText || e.value || e.name || e.tagName).slice(0, 40),
      switcher: !!e.closest(".language-switcher"), search: e.matches("input[type=search]"),
      footer: !!e.closest(".site-footer"),
    });
  });
}"""
FOCUSABLE_COUNT = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])'
)].filter((e) => e.getClientRects().length > 0 && !e.closest("[aria-hidden=true]")).length"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# Elements whose text no longer fits a box that hides what overflows it.
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((e) => {
  const s = getComputedStyle(e);
  const hiding = ["hidden", "clip"];
  const hides = hiding.includes(s.overflowX) || hiding.includes(s.overflowY);
  if (!hides || !e.innerText || !e.innerText.trim() || e.closest(".visually-hidden")) return false;
  if (e.getClientRects().length === 0 || e.clientWidth <= 1) return false;
  return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
}).map((e) => e.tagName + "." + e.className + ": " + e.innerText.slice(0, 30))"""


def tab_through(page):
    """Press Tab once more than there are focusable elements; what each stop showed."""
    page.evaluate(RECORD_FOCUS)
    for _ in range(page.evaluate(FOCUSABLE_COUNT) + 1):
        page.keyboard.press("Tab")
    return page.evaluate("window.focusStops")


def test_keyboard_zoom_and_text_spacing_on_every_page_type(browser, site_url):
    # (bypass_csp: the text-spacing override is an inline style, which the site's CSP refuses)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    failures = []
    for lang in ("bg", "en"):
        for key in PAGES:
            where = f"{key} [{lang}]"
            assert page.goto(site_url + content_path(key, lang)).status == 200
            stops = tab_through(page)
            unseen = [stop["text"] for stop in stops if not stop["shows"]]
            if unseen:
                failures.append(f"{where}: focus not visible on {unseen[:5]}")
            if not any(stop["switcher"] for stop in stops):
                failures.append(f"{where}: the language switcher is not reached")
            if not any(stop["search"] for stop in stops):
                failures.append(f"{where}: the search field is not reached")
            if not any(stop["footer"] for stop in stops):
                failures.append(f"{where}: the footer is never reached (a keyboard trap?)")
            page.set_viewport_size({"width": 640, "height": 400})  # 1280 × 800 at 200%
            if (overflow := page.evaluate(OVERFLOW)) > 0:
                failures.append(f"{where}: at 200% zoom it scrolls sideways by {overflow} px")
            page.add_style_tag(content=TEXT_SPACING)
            if clipped := page.evaluate(CLIPPED):
                failures.append(f"{where}: text clipped with WCAG 1.4.12 spacing: {clipped[:3]}")
            if (overflow := page.evaluate(OVERFLOW)) > 0:
                failures.append(f"{where}: with text spacing it scrolls sideways by {overflow} px")
            page.set_viewport_size({"width": 1280, "height": 800})
    context.close()
    assert failures == []
