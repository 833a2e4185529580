"""Values kept in the cache for as long as the content they were computed from is unchanged.

Each cache tag (caching/tags.py) has a random token in the cache. A cached value keeps the
tokens of the tags declared while it was computed, and is used only while all of them are
unchanged; ``invalidate`` gives tags new tokens. Tokens, not a list of keys per tag, so that
invalidation is one write and safe with several app instances and any Django cache backend
(Redis in production). Whole responses (caching/page_cache.py) and template fragments
(``{% taggedcache %}``) are kept this way.
"""

import uuid
from functools import cache as remember
from importlib import metadata

import django
import wagtail
from django.conf import settings
from django.core.cache import cache

from caching import tags as cache_tags

PACKAGE = "sofia-knowledge-city"


@remember
def package_version() -> str:
    """The installed version of this project (pyproject.toml; "0" when it is not installed),
    with Django's and Wagtail's (an upgrade changes what is pickled)."""
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = "0"
    return f"{version}-django{django.__version__}-wagtail{wagtail.__version__}"


def release() -> str:
    """The release of the code: part of the key of everything rendered that is kept, so a new
    release never serves what the previous code rendered (or a page object pickled from models
    that have since changed). ``settings.CACHE_RELEASE``: production.py sets it from
    ``SKC_RELEASE`` (the git commit, set when the image is built: Dockerfile), dev.py to the
    time the server started; else the package's version."""
    return settings.CACHE_RELEASE or package_version()


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


def tag_tokens(tags) -> dict:
    """The current token of each of ``tags`` (a tag missing: the cache cannot be reached): a
    value computed outside this module stays current while its tags' tokens are unchanged."""
    tokens = current_tokens([TAG_PREFIX + tag for tag in tags])
    return {tag: tokens[TAG_PREFIX + tag] for tag in tags if TAG_PREFIX + tag in tokens}


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
