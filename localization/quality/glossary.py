"""The glossary check: when a source text contains a glossary term, its translation contains the
term of the other language in some inflected form, and none of its forbidden variants.

Bulgarian inflects (the article -ът/-ят/-а/-я/-та/-то/-те, plurals -и/-ове/-ища, adjectives
умен/умна/умни/умният), so a Bulgarian term matches by stem: each word's ending is cut off and the
text must have, in order, words that begin with those stems. English matches each word with an
optional plural (-s/-es, -y/-ies).
"""

import re
from functools import cache

from django.utils.translation import gettext_lazy as _

from localization.models import GlossaryTerm
from localization.quality.checks import WARNING, Finding, plain_text

# Endings cut off a Bulgarian word to find its stem, longest first.
BULGARIAN_ENDINGS = sorted(
    [
        "ията", "ията", "ите", "ата", "ята", "ото", "ето", "ът", "ят", "та", "то", "те",
        "ове", "еве", "ища", "ия", "ия", "ни", "на", "но", "ен", "ен", "ски", "ска", "ско",
        "а", "я", "о", "е", "и", "й", "ъ",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
# Short words that do not carry the term (prepositions, conjunctions) and need not match.
FUNCTION_WORDS = {
    "за",
    "на",
    "и",
    "в",
    "във",
    "с",
    "със",
    "от",
    "по",
    "до",
    "of",
    "for",
    "and",
    "the",
    "on",
    "in",
}
WORD = re.compile(r"[^\W\d_]+")
MINIMUM_STEM = 2
# What may follow a stem: the inflectional pieces of Bulgarian (adjective -ск-, plural -ов-/-ев-/
# -ищ-, -(е)н-, then an ending or article), so that "град" finds "градовете" but not "градина".
BULGARIAN_INFLECTION = (
    r"(?:ск)?(?:ове|еве|ища)?(?:ен|н)?"
    r"(?:ият|ия|ът|ят|ата|ята|ото|ето|ите|та|то|те|а|я|о|е|и)?"
)


def bulgarian_stem(word):
    word = word.lower()
    for ending in BULGARIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MINIMUM_STEM:
            return word[: -len(ending)]
    return word


def content_words(term):
    return [word for word in WORD.findall(term) if word.lower() not in FUNCTION_WORDS]


@cache
def term_pattern(term, language):
    """A regular expression that finds the term in any inflected form, its words in order."""
    parts = []
    for word in content_words(term):
        if language == "bg":
            parts.append(re.escape(bulgarian_stem(word)) + BULGARIAN_INFLECTION)
        elif word.lower().endswith("y") and len(word) > 2:
            parts.append(re.escape(word[:-1]) + r"(?:y|ies)")
        else:
            parts.append(re.escape(word) + r"(?:s|es|'s)?")
    if not parts:
        return None
    between = r"(?:\W+[^\W\d_]+){0,3}?\W+"  # up to three words in between ("знак ЗА отлично")
    return re.compile(r"(?<![^\W\d_])" + between.join(parts) + r"(?![^\W\d_])", re.IGNORECASE)


def contains(text, term, language):
    pattern = term_pattern(term, language)
    return bool(pattern and pattern.search(plain_text(text)))


def active_terms():
    """Every glossary term, in one query."""
    return list(GlossaryTerm.objects.all())


def other(language):
    return "en" if language == "bg" else "bg"


def terms_in(source, source_language, terms):
    """The glossary terms whose source-language term the source text contains."""
    return [term for term in terms if contains(source, term.term(source_language), source_language)]


def check_terms(source, target, source_language, terms):
    """Findings (warnings) for the terms of ``terms`` found in the source: the target term missing
    (unless the translation keeps the source term, as in a proper name), or a forbidden variant
    used."""
    target_language = other(source_language)
    findings = []
    for term in terms:
        expected = term.term(target_language)
        if not contains(target, expected, target_language) and not contains(
            target, term.term(source_language), source_language
        ):
            findings.append(
                Finding(
                    "glossary",
                    WARNING,
                    _("Glossary: “%(source)s” is translated as “%(target)s”."),
                    {"source": term.term(source_language), "target": expected},
                )
            )
        for variant in term.forbidden(target_language):
            if contains(target, variant, target_language):
                findings.append(
                    Finding(
                        "glossary_forbidden",
                        WARNING,
                        _("Glossary: “%(variant)s” is not used; write “%(target)s”."),
                        {"variant": variant, "target": expected},
                    )
                )
    return findings
