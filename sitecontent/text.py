"""Text in both languages: ``T`` for plain strings, ``RT`` for rich text (HTML)."""

from typing import NamedTuple


class T(NamedTuple):
    en: str
    bg: str

    def get(self, lang: str) -> str:
        return getattr(self, lang)


class RT(T):
    """Rich text: each block element (<p>, <li>...) becomes one translatable segment."""


def in_language(value, lang: str):
    """Resolve every ``T`` inside dicts, lists and tuples to the text of ``lang``."""
    if isinstance(value, T):
        return value.get(lang)
    if isinstance(value, dict):
        return {key: in_language(item, lang) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(in_language(item, lang) for item in value)
    return value


def translation_pairs(value):
    """Yield (English, Bulgarian) string pairs as wagtail-localize segments them."""
    from wagtail_localize.strings import StringValue, extract_strings

    if isinstance(value, RT):
        en_strings = extract_strings(value.en)[1]
        bg_strings = extract_strings(value.bg)[1]
        if len(en_strings) != len(bg_strings):
            raise ValueError(f"Rich text has different structure in the two languages: {value}")
        for (en, _a), (bg, _b) in zip(en_strings, bg_strings, strict=True):
            yield en.data, bg.data
    elif isinstance(value, T):
        # Plain text is stored by wagtail-localize as escaped HTML ("&" -> "&amp;").
        yield StringValue.from_plaintext(value.en).data, StringValue.from_plaintext(value.bg).data
    elif isinstance(value, dict):
        for item in value.values():
            yield from translation_pairs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from translation_pairs(item)
