"""Checks between a source text and its translation: pure functions of (source, target, source
language, target language) that return findings.

translate-toolkit's pofilter checks (translate.filters.checks) do URLs, e-mail addresses,
placeholders, doubled spaces, whitespace at either end and end punctuation; babel gives the
numbers' separators and the month names of each language. Ours: numbers and amounts compared as
values (1 234 567,50 = 1,234,567.50), dates compared as days (21 February 2019 = 21 февруари
2019), project and document codes, phone numbers, inline markup and links, untranslated text and
Latin look-alike letters inside Cyrillic words (and the other way round).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from translate.filters import checks as pofilter

ERROR, WARNING = "error", "warning"
SEVERITY_LABELS = {ERROR: _("Error"), WARNING: _("Warning")}


@dataclass
class Finding:
    """One problem of a translation: ``message`` is written in the active language."""

    code: str
    severity: str
    template: Promise
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        return str(self.template) % self.params

    @property
    def is_error(self):
        return self.severity == ERROR


TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"„“”]+[^\s<>\"„“”.,;:!?)]", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}(?:[ \u00a0/().-]*\d){6,12}(?!\d)")
CODE = re.compile(
    r"(?<![\w-])(?=[A-Z0-9./-]*[A-Z])(?=[A-Z0-9./-]*\d)[A-Z0-9](?:[A-Z0-9./-]*[A-Z0-9]){3,}(?![\w-])"
)
NUMBER = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?![\w])")
NUMERIC_DATE = re.compile(
    r"(?<![\w.])(?:(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2}))(?![\w])"
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
WORD = re.compile(r"[^\W\d_]{2,}")
LETTERS = re.compile(r"[^\W\d_]+")
DASH = r"\s*[-–—]\s*"


def plain_text(text):
    """The text without its inline markup."""
    return TAG.sub("", text)


@cache
def month_numbers(language):
    """Lower-case month name (wide and abbreviated, with and without a full stop) -> month."""
    names = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=language).items():
                names[name.lower().rstrip(".")] = number
    return names


@cache
def date_patterns(language):
    months = "|".join(sorted(map(re.escape, month_numbers(language)), key=len, reverse=True))
    month = rf"(?P<month>{months})\.?"
    day = rf"(?P<day>\d{{1,2}})(?:-?(?:st|nd|rd|th|ви|ри|ти|ми))?(?:{DASH}(?P<day2>\d{{1,2}}))?"
    year = r"(?P<year>\d{4})"
    return [
        re.compile(rf"(?<!\d){day}\s+{month}(?:,?\s+{year})?(?:\s*г\.)?(?![\w])", re.IGNORECASE),
        re.compile(rf"\b{month}\s+{day}(?:,?\s+{year})?(?![\w])", re.IGNORECASE),
        re.compile(rf"\b{month}\s+{year}(?:\s*г\.)?(?![\w])", re.IGNORECASE),
    ]


def find_dates(text, language):
    """(dates as (day, month, year) tuples, text with the dates blanked)."""
    found = []

    def take(match):
        groups = match.groupdict()
        month = month_numbers(language)[groups["month"].lower().rstrip(".")]
        year = int(groups["year"]) if groups.get("year") else None
        days = [groups.get("day"), groups.get("day2")]
        days = [int(day) for day in days if day] or [None]
        found.extend((day, month, year) for day in days)
        return " "

    for pattern in date_patterns(language):
        text = pattern.sub(take, text)

    def take_numeric(match):
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        if iso_year:
            found.append((int(iso_day), int(iso_month), int(iso_year)))
        else:
            found.append((int(day), int(month), int(year)))
        return " "

    return found, NUMERIC_DATE.sub(take_numeric, text)


def parse_number(token, language, other_language):
    """The value of a number written in ``language`` (or, failing that, the other language's
    way), or None when neither reads it as one number."""
    token = re.sub(r"[ \u202f]", "\u00a0", token)  # babel's group symbol for Bulgarian
    for locale in (language, other_language):
        try:
            return parse_decimal(token, locale=locale, strict=True)
        except NumberFormatError:
            continue
    return None


def find_numbers(text, language, other_language):
    values = Counter()
    for token in NUMBER.findall(text):
        value = parse_number(token, language, other_language)
        if value is None:
            values.update(Decimal(part) for part in re.findall(r"\d+", token))
        else:
            values[value.normalize()] += 1
    return values


def without(pattern, text):
    return pattern.sub(" ", text)


def listed(values):
    return ", ".join(str(value) for value in values)


def format_number(value):
    return format(value, "f")


def check_numbers(source, target, source_language, target_language):
    """Numbers, amounts and percentages have the same values (dates, codes, phones, URLs and
    e-mail addresses are left to their own checks)."""
    texts = []
    for text, language in ((source, source_language), (target, target_language)):
        text = plain_text(text)
        for pattern in (URL, EMAIL, PHONE, CODE):
            text = without(pattern, text)
        texts.append(find_dates(text, language)[1])
    source_numbers = find_numbers(texts[0], source_language, target_language)
    target_numbers = find_numbers(texts[1], target_language, source_language)
    findings = []
    missing = source_numbers - target_numbers
    added = target_numbers - source_numbers
    if missing or added:
        findings.append(
            Finding(
                "numbers",
                ERROR,
                _("Numbers differ (missing: %(missing)s; added: %(added)s)."),
                {
                    "missing": listed(map(format_number, missing.elements())) or "—",
                    "added": listed(map(format_number, added.elements())) or "—",
                },
            )
        )
    if texts[0].count("%") != texts[1].count("%"):
        findings.append(
            Finding(
                "percent",
                ERROR,
                _("The source and the translation have a different number of percentages."),
            )
        )
    return findings


def format_date(date):
    day, month, year = date
    return "/".join(str(part) for part in (day, month, year) if part is not None)


def check_dates(source, target, source_language, target_language):
    """Dates (written out or in figures, ranges of days) name the same days."""
    source_dates = Counter(find_dates(plain_text(source), source_language)[0])
    target_dates = Counter(find_dates(plain_text(target), target_language)[0])
    if source_dates == target_dates:
        return []
    return [
        Finding(
            "dates",
            ERROR,
            _("Dates differ (missing: %(missing)s; added: %(added)s)."),
            {
                "missing": listed(map(format_date, (source_dates - target_dates).elements()))
                or "—",
                "added": listed(map(format_date, (target_dates - source_dates).elements())) or "—",
            },
        )
    ]


def check_identical(code, pattern, label, normalise=lambda value: value):
    """A check that the matches of ``pattern`` (codes, phone numbers) are the same in both."""

    def check(source, target, source_language, target_language):
        source_found = Counter(normalise(value) for value in pattern.findall(plain_text(source)))
        target_found = Counter(normalise(value) for value in pattern.findall(plain_text(target)))
        missing = source_found - target_found
        if not missing and not (target_found - source_found):
            return []
        return [
            Finding(
                code,
                ERROR,
                label,
                {
                    "missing": listed(missing.elements()) or "—",
                    "added": listed((target_found - source_found).elements()) or "—",
                },
            )
        ]

    check.__doc__ = f"The {code} of the source appear unchanged in the translation."
    return check


check_codes = check_identical(
    "codes",
    CODE,
    _("Project or document codes differ (missing: %(missing)s; added: %(added)s)."),
)
check_phones = check_identical(
    "phones",
    PHONE,
    _("Phone numbers differ (missing: %(missing)s; added: %(added)s)."),
    normalise=lambda phone: "+" + re.sub(r"\D", "", phone).removeprefix("00"),
)


LANGUAGE_OF_PART = re.compile(r"""^\s+lang=["'][\w-]+["']\s*$""")


def tags(text):
    """The inline tags of the text, except a passage marked with its language (``<span
    lang="en">``, the rich-text feature "Language: English"): either text may mark the
    passages that are in the other language (WCAG 3.1.2) without the other doing so."""
    found = Counter()
    for slash, name, attrs in TAG.findall(text):
        if name == "span" and not slash and LANGUAGE_OF_PART.match(attrs):
            found["</span>"] -= 1
            continue
        found["<" + " ".join([slash + name, *attrs.split()]) + ">"] += 1
    return +found


def check_markup(source, target, source_language, target_language):
    """Inline markup (bold, italics, links with their targets) is the same, in any order; a
    link's text is translated."""
    findings = []
    if tags(source) != tags(target):
        findings.append(
            Finding(
                "markup",
                ERROR,
                _("The inline markup or links differ (missing: %(missing)s; added: %(added)s)."),
                {
                    "missing": listed((tags(source) - tags(target)).elements()) or "—",
                    "added": listed((tags(target) - tags(source)).elements()) or "—",
                },
            )
        )
    links = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
    source_links = dict(links.findall(source))
    for attrs, text in links.findall(target):
        if (
            source_links.get(attrs) == text
            and WORD.search(plain_text(text))
            and not writes_in(plain_text(text), target_language)
        ):
            findings.append(
                Finding(
                    "link_text",
                    WARNING,
                    _("The text of the link “%(text)s” is not translated."),
                    {"text": plain_text(text)},
                )
            )
    return findings


def writes_in(text, language):
    """Whether the text has letters of the language's script."""
    return bool((CYRILLIC if language == "bg" else LATIN).search(text))


def is_proper_name(words):
    """Every word capitalised (a name such as "Oneness International Group Limited") or an
    acronym ("ESCA"): kept as it is in either language."""
    return all(word[0].isupper() for word in words)


def check_untranslated(source, target, source_language, target_language):
    """The translation is not the source again, and a translation into a language with its own
    script has letters of that script when the source has words."""
    source_text, target_text = plain_text(source).strip(), plain_text(target).strip()
    source_words = WORD.findall(without(URL, without(EMAIL, source_text)))
    if not source_words or not target_text:
        return []
    if source_text == target_text and is_proper_name(source_words):
        return []
    if source_text == target_text and writes_in(source_text, source_language):
        return [Finding("untranslated", WARNING, _("The translation is the same as the source."))]
    target_rest = without(CODE, without(URL, without(EMAIL, target_text)))
    if (
        writes_in(" ".join(source_words), source_language)
        and not writes_in(target_rest, target_language)
        and writes_in(target_rest, source_language)
    ):
        return [
            Finding(
                "untranslated",
                WARNING,
                _("The translation has no letters of its own language: is it translated?"),
            )
        ]
    return []


def mixed_words(text):
    return [word for word in LETTERS.findall(text) if CYRILLIC.search(word) and LATIN.search(word)]


def check_script(source, target, source_language, target_language):
    """No word mixes Latin and Cyrillic letters (a Latin "e" or "o" in a Bulgarian word looks
    the same but breaks search, spelling and screen readers)."""
    text = without(CODE, without(URL, without(EMAIL, plain_text(target))))
    in_source = set(mixed_words(plain_text(source)))
    mixed = [word for word in mixed_words(text) if word not in in_source]

    if not mixed:
        return []
    return [
        Finding(
            "script",
            ERROR,
            _("Latin and Cyrillic letters mixed in one word: %(words)s."),
            {"words": listed(dict.fromkeys(mixed))},
        )
    ]


POFILTER = pofilter.StandardChecker()
POFILTER_CHECKS = [
    # (pofilter test, our code, severity, message)
    ("urls", "urls", ERROR, _("Web addresses differ between the source and the translation.")),
    (
        "emails",
        "emails",
        ERROR,
        _("E-mail addresses differ between the source and the translation."),
    ),
    (
        "printf",
        "placeholders",
        ERROR,
        _("Placeholders differ between the source and the translation."),
    ),
    (
        "pythonbraceformat",
        "placeholders",
        ERROR,
        _("Placeholders differ between the source and the translation."),
    ),
    ("doublespacing", "double_space", WARNING, _("Doubled spaces differ from the source.")),
    ("startwhitespace", "whitespace", WARNING, _("Spaces at the start differ from the source.")),
    ("endwhitespace", "whitespace", WARNING, _("Spaces at the end differ from the source.")),
    (
        "endpunc",
        "end_punctuation",
        WARNING,
        _("The punctuation at the end differs from the source."),
    ),
]


BULGARIAN_ABBREVIATION_AT_END = re.compile(r"\s(?:г|лв|др|т\.н|напр|ул|бул)\.$")


def normalise_punctuation(text, other):
    """Quotation marks do not end a sentence, "..." is the ellipsis, and the full stop of a
    Bulgarian abbreviation at the end ("2019 г.") counts as whatever the other text ends with."""

    def trimmed(value):
        return value.replace("...", "…").rstrip().rstrip("„“”\"'»")

    text, other = trimmed(text), trimmed(other)
    if BULGARIAN_ABBREVIATION_AT_END.search(text):
        text = text[:-1] + ("." if other.endswith(".") else "")
    return text


def check_with_pofilter(source, target, source_language, target_language):
    """translate-toolkit's pofilter checks, with our codes, severities and messages."""
    findings = []
    codes = set()
    source_text, target_text = plain_text(source), plain_text(target)
    for test, code, severity, message in POFILTER_CHECKS:
        if code in codes:
            continue
        first, second = source_text, target_text
        if test == "endpunc":
            first, second = (
                normalise_punctuation(first, second),
                normalise_punctuation(second, first),
            )
        try:
            getattr(POFILTER, test)(first, second)
        except pofilter.FilterFailure:
            findings.append(Finding(code, severity, message))
            codes.add(code)
    return findings


CHECKS = [
    check_numbers,
    check_dates,
    check_codes,
    check_phones,
    check_markup,
    check_script,
    check_with_pofilter,
    check_untranslated,
]


def check_translation(source, target, source_language, target_language, checks=CHECKS):
    """Every finding of the checks for one translated text (an empty translation: none)."""
    if not target:
        return []
    findings = []
    for check in checks:
        findings.extend(check(source, target, source_language, target_language))
    return findings
