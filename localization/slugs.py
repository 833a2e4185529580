"""Latin slugs for Bulgarian pages by the official Bulgarian transliteration system.

The Transliteration Act of 2009 (Закон за транслитерацията): щ -> sht, ъ -> a, ь -> y, ю -> yu,
я -> ya, and the ending "ия" of a word -> "ia" (Академия -> Akademia); "България" is
written "Bulgaria", as the Act prescribes.
"""

import re

from django.utils.text import slugify

BG_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip

WORD_FINAL_IA = re.compile(r"ия\b", re.IGNORECASE)
# The Act names one exception: the country's name keeps its established spelling.
BULGARIA = re.compile(r"\bБългария\b", re.IGNORECASE)


def transliterate_bg(text: str) -> str:
    """Bulgarian Cyrillic to Latin; other characters are kept as they are."""
    text = BULGARIA.sub(lambda m: "BULGARIA" if m.group(0).isupper() else "Bulgaria", text)
    text = WORD_FINAL_IA.sub(lambda m: "Ia" if m.group(0)[0].isupper() else "ia", text)
    out = []
    for char in text:
        latin = BG_TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin.capitalize())
        else:
            out.append(latin)
    return "".join(out)


def latin_slug(title: str, max_length: int = 80) -> str:
    """A URL slug of Latin letters from a Bulgarian (or any) title, cut at a word boundary."""
    slug = slugify(transliterate_bg(title))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
