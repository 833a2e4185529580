"""Values kept in the cache for as long as the content they were computed from is unchanged.

Each cache tag (pages/cache_tags.py) has a random token in the cache. A cached value keeps the
tokens of the tags declared while it was computed, and is used only while all of them are
unchanged; ``invalidate`` gives tags new tokens. Tokens, not a list of keys per tag, so that
invalidation is one write and safe with several app instances and any Django cache backend
(Redis in production). Whole responses (home/page_cache.py) and template fragments
(``{% taggedcache %}``) are kept this way.
"""

import hashlib
import uuid
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.cache import cache

from pages import cache_tags


def code_release() -> str:
    """A digest of this site's code and templates and of Django's and Wagtail's versions: part of
    the key of everything rendered that is kept, so a release never serves what the previous code
    rendered (or a page object pickled from models that have since changed)."""
    digest = hashlib.sha256(f"{django.__version__}/{wagtail.__version__}".encode())
    root = Path(settings.BASE_DIR)
    for folder in ("config", "home", "pages", "snippets", "localization", "locale"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".po") and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = code_release()

TAG_PREFIX = "pagecache:tag:"
# Changed before any tag on every invalidation: a value computed while content changed is not
# stored, since it may show the old content under the new tokens.
WRITES_KEY = "pagecache:writes"


def new_token() -> str:
    return uuid.uuid4().hex


def invalidate(tags) -> None:
    """Every cached value that shows one of ``tags`` is stale from now on."""
    token = new_token()
    cache.set(WRITES_KEY, token, timeout=None)
    cache.set_many({TAG_PREFIX + tag: token for tag in tags}, timeout=None)


def current_tokens(keys) -> dict:
    """The tokens of ``keys``, giving a token to any that has none yet."""
    tokens = cache.get_many(keys)
    missing = [key for key in keys if key not in tokens]
    if missing:
        for key in missing:
            cache.add(key, new_token(), timeout=None)
        tokens.update(cache.get_many(missing))
    return tokens


def writes_token():
    """The token of the last invalidation (None when the cache cannot be reached)."""
    return current_tokens([WRITES_KEY]).get(WRITES_KEY)


def tokens_if_unchanged(tags, writes_before):
    """The tokens to store a value computed under ``tags`` with (the writes token read before
    computing it among them), or None when content changed since ``writes_before`` was read
    (or the cache cannot be reached)."""
    keys = [TAG_PREFIX + tag for tag in sorted(tags)]
    tokens = current_tokens([*keys, WRITES_KEY])
    if writes_before is None or tokens.get(WRITES_KEY) != writes_before:
        return None
    return tokens if len(tokens) == len(keys) + 1 else None


def read_with_writes_token(key):
    """(the cached value at ``key`` or None, the writes token or None) in one round trip."""
    found = cache.get_many([key, WRITES_KEY])
    return found.get(key), found.get(WRITES_KEY)


def still_valid(tokens, writes=None) -> bool:
    """Whether a value stored with ``tokens`` is still current: at once when nothing at all
    was invalidated since it was computed (``writes``, the writes token, read with the value),
    else when none of its tags was."""
    written = tokens.get(WRITES_KEY)
    if written is not None and (writes or cache.get(WRITES_KEY)) == written:
        return True
    tags = {key: token for key, token in tokens.items() if key != WRITES_KEY}
    return current_tokens(list(tags)) == tags


def tags_of(tokens):
    """The cache tags a value was stored with."""
    return [key.removeprefix(TAG_PREFIX) for key in tokens if key != WRITES_KEY]


def get_or_compute(key, compute, timeout, storable=lambda value: True):
    """``compute()``'s value, from the cache while the tags it declared are unchanged.

    The tags count what the value's computation declared and what the response had declared
    before it (a page's context is read before its template renders: a fragment showing it
    depends on it too); they are declared again for the response when the cached value is used.
    """
    entry, writes = read_with_writes_token(key)
    if entry is not None:
        tokens, value = entry
        if still_valid(tokens, writes):
            cache_tags.depends_on(*tags_of(tokens))
            return value
    writes_before = writes or writes_token()
    earlier = cache_tags.declared()
    with cache_tags.collect() as tags:
        value = compute()
    tags |= earlier
    if tags and storable(value):
        tokens = tokens_if_unchanged(tags, writes_before)
        if tokens is not None:
            cache.set(key, (tokens, value), timeout=timeout)
    return value
