"""EU publicity measured in a real browser, on landing at 360×640 and 1280×800: the emblem and
the reference to the Union inside the first viewport (home page: the running project's band;
funding page: its emblem and statement), the emblem at least as tall as any other logo, and no
sideways scrolling at 320 px (WCAG 1.4.10). Screenshots of each first viewport."""

import pytest

from .conftest import ARTIFACTS
from .test_reader_experience import content_path

pytestmark = pytest.mark.browser

VIEWPORTS = {"360x640": (360, 640), "1280x800": (1280, 800)}

# Every EU emblem with the words beside it, the funding page's sentence, and every logo's
# rendered height, in CSS pixels of the first viewport.
MEASURE = """() => {
  const box = (element) => {
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height};
  };
  return {
    emblems: [...document.querySelectorAll(".eu-emblem")].map((e) => ({
      flag: box(e.querySelector("svg.eu-flag")), label: box(e.querySelector(".eu-emblem__label")),
    })),
    statement: box(document.querySelector("main .eu-acknowledgement__statement")),
    euHeights: [...document.querySelectorAll('[data-logo="eu"]')]
      .map((e) => e.getBoundingClientRect().height),
    otherLogos: [...document.querySelectorAll('[data-logo]:not([data-logo="eu"])')]
      .map((e) => e.getBoundingClientRect().height),
    scrollY: window.scrollY,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


# What sticks out furthest to the right (to say what to fix).
WIDEST = """() => [...document.querySelectorAll("body *")]
  .map((e) => [e.getBoundingClientRect().right, e.tagName + "." + e.className])
  .sort((a, b) => b[0] - a[0]).slice(0, 3)"""


def inside(box, width, height):
    return (
        box is not None
        and box["top"] >= 0
        and box["bottom"] <= height
        and box["left"] >= 0
        and (box["right"] <= width)
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_emblem_and_statement_are_in_the_first_viewport(browser, site_url, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    failures = []
    for lang in ("bg", "en"):
        for key in ("home", "funding"):
            assert page.goto(site_url + content_path(key, lang)).status == 200
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"eu-publicity-{key}-{lang}-{viewport}.png"))
            found = page.evaluate(MEASURE)
            where = f"{key} [{lang}, {viewport}]"
            if found["scrollY"] != 0:
                failures.append(f"{where}: the page did not open at its top")
            # The emblem and, beside it, the reference to the Union ("European Union", or the
            # statement "Co-funded by the European Union"): on landing, without scrolling.
            if not any(
                inside(emblem["flag"], width, height) and inside(emblem["label"], width, height)
                for emblem in found["emblems"]
            ):
                failures.append(f"{where}: no emblem with its words in view: {found['emblems']}")
            # The funding page's full sentence too, where a screen is tall enough (at 360×640
            # it follows the emblem, partly below the fold).
            if key == "funding" and width >= 1280 and not inside(found["statement"], width, height):
                failures.append(f"{where}: the statement is not in view: {found['statement']}")
            if not found["otherLogos"] or min(found["euHeights"]) < max(found["otherLogos"]):
                failures.append(
                    f"{where}: EU emblems {found['euHeights']} vs logos {found['otherLogos']}"
                )
            if found["overflow"] > 0:
                failures.append(f"{where}: scrolls sideways by {found['overflow']} px")
    context.close()
    assert failures == []


def test_pages_reflow_at_320_css_pixels_without_sideways_scrolling(browser, site_url):
    """WCAG 1.4.10: home, events and the funding page, both languages, at 320 px wide."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    overflowing = {}
    for lang in ("bg", "en"):
        for key in ("home", "events", "funding"):
            assert page.goto(site_url + content_path(key, lang)).status == 200
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                overflowing[f"{key} [{lang}]"] = page.evaluate(WIDEST)
    context.close()
    assert overflowing == {}
