"""The documentation's images: every image a page of docs/ shows exists, every file in
docs/images/ is shown somewhere (no orphan), each refreshed one has its screenshot named
(tests/e2e/docs_screenshots.py), and they stay small."""

import re
from pathlib import Path

from tests.e2e import docs_screenshots

DOCS = Path(__file__).resolve().parents[2] / "docs"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)|<img [^>]*src=\"([^\"]+)\"")


def referenced_images():
    """(page, path relative to docs/) of every image in docs/*.md."""
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for match in IMAGE.finditer(page.read_text()):
            target = match[1] or match[2]
            if not re.match(r"[a-z]+://", target):
                found.append((page.name, target))
    return found


def test_every_image_the_docs_show_exists():
    missing = [
        (page, target) for page, target in referenced_images() if not (DOCS / target).is_file()
    ]
    assert referenced_images(), "docs/translating.md shows screenshots"
    assert missing == []


def test_every_file_in_docs_images_is_shown():
    shown = {(DOCS / target).resolve() for _page, target in referenced_images()}
    orphans = [
        str(path.relative_to(DOCS))
        for path in sorted((DOCS / "images").rglob("*"))
        if path.is_file() and path.resolve() not in shown
    ]
    assert orphans == []


def test_every_refreshed_image_is_in_the_docs_and_small():
    shown = {Path(target).name for _page, target in referenced_images()}
    assert {f"{name}.png" for name in docs_screenshots.SOURCES} <= shown
    sizes = {path.name: path.stat().st_size for path in (DOCS / "images").rglob("*.png")}
    assert [name for name, size in sizes.items() if size > 130_000] == []
    assert sum(sizes.values()) < 2_000_000
