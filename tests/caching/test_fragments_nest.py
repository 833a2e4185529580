"""Every ``{% taggedcache %}`` fragment in the site's templates is well-nested with the HTML it
wraps: what it opens it closes. A fragment that opened a ``<form>`` and closed inside it kept the
start of the form for every reader while its end (the CSRF token) was each reader's own."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
FRAGMENT = re.compile(r"{%\s*taggedcache\b.*?%}(.*?){%\s*endtaggedcache\s*%}", re.DOTALL)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


class Unbalanced(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def unbalanced(html):
    parser = Unbalanced()
    parser.feed(TEMPLATE_TAG.sub("", html))
    parser.close()
    return parser.errors + [f"<{tag}> left open" for tag in parser.open]


def templates_with_fragments():
    root = Path(settings.BASE_DIR)
    for folder in ("config/templates", "home/templates", "pages/templates"):
        for path in sorted((root / folder).rglob("*.html")):
            if "taggedcache" in path.read_text(encoding="utf-8"):
                yield path.relative_to(root)


@pytest.mark.parametrize("template", list(templates_with_fragments()), ids=str)
def test_a_cached_fragment_closes_what_it_opens(template):
    text = (Path(settings.BASE_DIR) / template).read_text(encoding="utf-8")
    fragments = FRAGMENT.findall(text)
    assert fragments
    for fragment in fragments:
        assert unbalanced(fragment) == [], fragment


def test_the_check_sees_a_fragment_that_opens_a_form():
    assert unbalanced('<section><form method="post"><input name="q">') == [
        "<section> left open",
        "<form> left open",
    ]
