"""What a public response shows, named as cache tags, for the anonymous page cache.

While a response is rendered for an anonymous reader, the code that reads content declares what
it shows with ``depends_on(...)``: the page itself, the listings, snippets and topics on it. The
cache (caching/page_cache.py) stores the response with those tags, and publishing, unpublishing,
moving or deleting a page, or saving a snippet or topic, invalidates exactly the tags it touches.
A response that declares nothing is never cached. Whatever is rendered in a language also shows
that language's interface texts, which translators may change in the admin: every collection that
declares something depends on ``interface_texts_tag`` of the active language too.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.http import QueryDict
from django.utils import translation

_collected: ContextVar[set[str] | None] = ContextVar("cache_tags", default=None)


@contextmanager
def collect():
    """Gather the tags declared while the body of the ``with`` block runs (one response, or
    one fragment of it: an enclosing ``collect`` gets them too)."""
    tags: set[str] = set()
    outer = _collected.get()
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)
        language = translation.get_language()
        if tags and language:
            tags.add(interface_texts_tag(language))
        if outer is not None:
            outer.update(tags)


def declared() -> set[str]:
    """The tags declared so far in the enclosing ``collect`` (a copy)."""
    return set(_collected.get() or ())


def depends_on(*tags: str) -> None:
    """Declare that the response being rendered shows what ``tags`` name."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def interface_texts_tag(language_code: str) -> str:
    """The interface texts (our catalogue's messages) in one language, as edited in the admin."""
    return f"interface-texts:{language_code}"


def page_tag(page_id: int) -> str:
    """The page's own content (and its URL: moving or deleting it clears this)."""
    return f"page:{page_id}"


def translations_tag(translation_key) -> str:
    """Which language versions of a page are live (the switcher, hreflang, links to it)."""
    return f"translations:{translation_key}"


def listing_tag(model, language_code: str) -> str:
    """The live pages of one type in one language (indexes, home, feeds, calendars)."""
    return f"listing:{model._meta.label_lower}:{language_code}"


def menu_tag(language_code: str) -> str:
    """The sections directly under a language's home page (the site menu)."""
    return f"menu:{language_code}"


def search_tag(language_code: str) -> str:
    """Anything a search in that language can find."""
    return f"search:{language_code}"


SITEMAP_TAG = "sitemap"
MEDIA_TAG = "media"  # images and documents, which any page may show
TOPICS_TAG = "topics"  # the list of topics a listing offers as filters


def topic_tag(topic_id: int) -> str:
    return f"topic:{topic_id}"


def snippet_tag(obj) -> str:
    """A translatable snippet in any language (a page may show its source as a fallback)."""
    return f"snippet:{obj._meta.label_lower}:{obj.translation_key}"


def shows_snippet(obj):
    """Declare that the response shows the snippet ``obj`` (if any), and return it."""
    if obj is not None:
        depends_on(snippet_tag(obj))
    return obj


def reads_query(request, *names: str) -> None:
    """Declare that the response depends on the query parameters ``names`` and on no others:
    the view sees only those (the last value of each), and the page cache keys the response on
    them alone, so that a reader's other parameters neither reach the page nor make new
    entries. Without a declaration, a response is kept only for its address without a query."""
    narrowed = QueryDict(mutable=True)
    for name in names:
        if name in request.GET:
            narrowed[name] = request.GET[name]
    narrowed._mutable = False
    request.GET = narrowed
    request.query_params_read = frozenset(names)


def reading_query(*names: str):
    """``reads_query`` as a view decorator."""

    def decorate(view):
        @wraps(view)
        def view_reading_query(request, *args, **kwargs):
            reads_query(request, *names)
            return view(request, *args, **kwargs)

        return view_reading_query

    return decorate


def shows_snippets_through(obj, paths) -> None:
    """Declare the translatable snippets reached from ``obj`` through each of ``paths``
    (``select_related`` names such as ``"acknowledgement__emblem"``): what was fetched with an
    object is what its template may show."""
    from wagtail.models import Page, TranslatableMixin  # needs the app registry

    for path in paths:
        related = obj
        for step in path.split("__"):
            related = getattr(related, step, None)
            if isinstance(related, TranslatableMixin) and not isinstance(related, Page):
                shows_snippet(related)
