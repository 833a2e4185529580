"""Refresh docs/images/translating/ from the screenshots of the last real-browser run
(test-artifacts/): `make docs-screenshots` after `pytest -m browser`.

Each documentation image comes from one screenshot, named by the test that takes it (the day
test's are numbered: matched by the step's name). English images show the English admin
(test_translating_in_english.py, test_translation_review.py, test_interface_texts_journey.py's
moderator), Bulgarian ones the Bulgarian admin (test_translators_day.py,
test_interface_texts_journey.py's translator). Shrunk to WIDTH pixels, in a palette of 256 colours.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
IMAGES = ROOT / "docs" / "images" / "translating"
WIDTH = 1000

# documentation image -> the screenshot's name in test-artifacts/ (a glob)
SOURCES = {
    "en-01-status-missing": "en-status-missing",
    "en-02-translate-form": "en-translate-form",
    "en-03-editor": "en-editor",
    "en-04-submitted": "en-submitted",
    "en-05-request-changes": "review-3-request-changes",
    "en-06-dashboard-changes-requested": "review-4-dashboard-changes-requested",
    "en-07-changes-requested": "review-4-changes-requested",
    "en-08-status-out-of-date": "en-status-out-of-date",
    "en-09-synced": "en-synced",
    "en-10-status-submitted": "en-status-submitted",
    "en-11-interface-texts-search": "texts-1-en-search",
    "en-12-interface-texts-preview": "texts-2-en-preview",
    "bg-01-status-missing": "day-*-translator-status-missing",
    "bg-02-translate-form": "day-*-translator-translate-form",
    "bg-03-editor": "day-*-translator-editor",
    "bg-04-submitted": "day-*-translator-submitted",
    "bg-05-request-changes": "day-*-moderator-requests-changes",
    "bg-06-dashboard-changes-requested": "day-*-translator-dashboard-changes-requested",
    "bg-07-changes-requested": "day-*-translator-changes-requested",
    "bg-08-status-out-of-date": "day-*-translator-status-out-of-date",
    "bg-09-synced": "day-*-translator-synced",
    "bg-10-status-submitted": "day-*-translator-submitted-sync",
    "bg-11-interface-texts-search": "texts-1-bg-search",
    "bg-12-interface-texts-preview": "texts-2-bg-preview",
}


def shrink(source: Path, target: Path) -> None:
    from PIL import Image

    with Image.open(source) as image:
        image = image.convert("RGB")
        height = round(image.height * WIDTH / image.width)
        small = image.resize((WIDTH, height), Image.Resampling.LANCZOS)
        small.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def refresh() -> list[str]:
    """Copy every documentation image from its screenshot; the names of those not found."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, pattern in SOURCES.items():
        found = sorted(ARTIFACTS.glob(f"{pattern}.png"))
        if len(found) != 1:
            missing.append(f"{name} (test-artifacts/{pattern}.png: {len(found)} found)")
            continue
        shrink(found[0], IMAGES / f"{name}.png")
    return missing


if __name__ == "__main__":
    not_found = refresh()
    for line in not_found:
        print("not refreshed:", line, file=sys.stderr)
    sys.exit(1 if not_found else 0)
