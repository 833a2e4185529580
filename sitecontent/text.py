"""Text in both languages: ``T`` for plain strings, ``RT`` for rich text (HTML).

English passages inside Bulgarian rich text (programme, event and organisation names) are marked
``<span lang="en">`` when the text is loaded (``mark_english``, WCAG 3.1.2 language of parts), so
that the seed data stays plain to read and every occurrence is marked the same way. Plain-text
fields (titles, intros) cannot carry markup and are left as they are.
"""

from typing import NamedTuple

from bs4 import BeautifulSoup

# English passages on the Bulgarian pages, longest first where one contains another. Acronyms,
# codes and single borrowed words (ESCA, IoT, BRONZE) are left unmarked.
ENGLISH_PASSAGES = (
    "Smart City Summit & Expo 2023 X 2050 Net Zero City Expo",
    "BRONZE – Striving for Cluster Excellence",
    "Greentech, Agrofood, ICT, Building and Construction, Health and Wellbeing, Mechanics and "
    "Mechatronics",
    "Oneness International Group Limited",
    "EURAC Research",
    "NOI Tech Park",
)


def mark_english(html: str) -> str:
    """Bulgarian rich text with each of ``ENGLISH_PASSAGES`` marked ``<span lang="en">``."""
    for passage in ENGLISH_PASSAGES:
        html = html.replace(passage, f'<span lang="en">{passage}</span>')
    return html


class T(NamedTuple):
    en: str
    bg: str

    def get(self, lang: str) -> str:
        return getattr(self, lang)


class RT(T):
    """Rich text: each block element (<p>, <li>...) becomes one translatable segment."""

    def get(self, lang: str) -> str:
        text = getattr(self, lang)
        return mark_english(text) if lang == "bg" else text


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
        en_strings = extract_strings(value.get("en"))[1]
        bg_strings = extract_strings(value.get("bg"))[1]
        if len(en_strings) != len(bg_strings):
            raise ValueError(f"Rich text has different structure in the two languages: {value}")
        for (en, _a), (bg, bg_attrs) in zip(en_strings, bg_strings, strict=True):
            yield en.data, with_span_languages(bg.data, bg_attrs)
    elif isinstance(value, T):
        # Plain text is stored by wagtail-localize as escaped HTML ("&" -> "&amp;").
        yield StringValue.from_plaintext(value.en).data, StringValue.from_plaintext(value.bg).data
    elif isinstance(value, dict):
        for item in value.values():
            yield from translation_pairs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from translation_pairs(item)


def with_span_languages(data: str, attrs: dict) -> str:
    """A translated segment keeps its own ``<span lang>`` (its source has no such span to take
    the attribute from), while its links keep the ids of the source's."""
    soup = BeautifulSoup(data, "html.parser")
    for span in soup.find_all("span"):
        span.attrs = attrs[span["id"]]
    return str(soup)
