"""Latin slugs for Bulgarian pages by the official Bulgarian transliteration system.

The Transliteration Act of 2009 (Закон за транслитерацията): щ -> sht, ъ -> a, ь -> y, ю -> yu,
я -> ya, and the ending "ия" of a word -> "ia" (Академия -> Akademia); "България" is
written "Bulgaria", as the Act prescribes.
"""

import re

from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

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


def needs_latin_slug(page) -> bool:
    """A Bulgarian page's slug is replaced when it is empty, not Latin, or the other language's
    slug copied over untranslated (wagtail-localize empties Cyrillic slugs and copies source
    slugs). A new translation gets its Latin slug on its very first save: a slug changed later
    would leave an automatic redirect from the copied slug's address."""
    locale = page.locale if page.locale_id else page.get_default_locale()
    if locale.language_code != "bg":
        return False
    if not page.slug or not page.slug.isascii():
        return True
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, slug=page.slug)
        .exclude(locale=locale)
        .exists()
    )


def give_bulgarian_page_a_latin_slug(page):
    """``before_page_clean`` hook: transliterate the title into a free slug among the page's
    siblings, once the page's place in the tree is known."""
    if not page.path or page.depth <= 2 or not needs_latin_slug(page):
        return
    page.slug = find_available_slug(
        page.get_parent(), latin_slug(page.title), ignore_page_id=page.pk
    )
