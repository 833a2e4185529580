"""The glossary (docs/glossary.md) held against the Bulgarian catalogues.

Bulgarian inflects, so a term is compared by its stem: "страница" is found in "страници" and
"страницата". Where an English message contains a glossary term, its translation should contain
the stem of one of the term's Bulgarian forms; a miss is reported as a warning (the sentence may
name the thing another way). Two cases are clear violations and fail the check:
- the message is the term itself ("Snippets", "Revision") and the translation lacks the stem;
- the translation uses a word the glossary rules out for that term ('Not "ревизия"', 'Wagtail had
  "Мениджър"'), unless another term of the same message explains it ("преглед" is wrong for
  "preview" but right in "Preview and review").
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

PARENTHESES = re.compile(r"\([^)]*\)")
RULED_OUT = re.compile(r"(?:\b[Nn]ot|\b[Nn]ever|Wagtail had)\s+[\"“]([^\"”…]+)[\"”]")
WORD = re.compile(r"\w+")
# Placeholders and markup name no term: "%(title)s", "{task}", "<a href=...>".
CODE = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")


def stem(word, loose=False):
    """The part of a Bulgarian word that its inflected forms keep. Loose stems also take the
    forms whose root vowel changes ("избери" → "избрани", "преведи" → "превод")."""
    word = word.lower()
    if len(word) <= 4:
        return word[:-1] if len(word) > 2 else word
    return word[: max(3, len(word) - 3)] if loose else word[:-2]


def contains_phrase(text, phrase, loose=False):
    """Whether every word of `phrase` (by its stem) occurs in `text`: a loose stem of four
    letters or more anywhere in a word ("непреведено"), a strict one at a word's start."""
    stems = [stem(word, loose) for word in WORD.findall(phrase) if len(word) > 2]
    words = [word.lower() for word in WORD.findall(text)]

    def found(part):
        if loose and len(part) >= 4:
            return any(part in word for word in words)
        return any(word.startswith(part) for word in words)

    return bool(stems) and all(found(part) for part in stems)


@dataclass
class Term:
    english: list  # the English forms ("subpage", "child page")
    bulgarian: list  # the Bulgarian forms, any of which is right
    ruled_out: list = field(default_factory=list)
    sense_restricted: bool = False  # "label (of a field)": other senses of the word exist

    def in_english(self, text):
        return any(
            re.search(rf"\b{re.escape(form)}(?:s|es|d|ed|ing)?\b", text, re.IGNORECASE)
            for form in self.english
        )

    def is_whole(self, text):
        """Whether the English message is just this term (or its plural), in its one sense."""
        if self.sense_restricted:
            return False
        bare = re.sub(r"[^\w ]", "", text).strip().lower()
        return any(bare in {form, f"{form}s", f"{form}es"} for form in self.english)

    def in_bulgarian(self, text):
        return any(contains_phrase(text, form, loose=True) for form in self.bulgarian)


def split_forms(cell):
    cell = PARENTHESES.sub("", cell.replace("`", ""))
    return [form.strip() for form in re.split(r"[,;/]", cell) if form.strip()]


def parse_glossary(path):
    """The terms table of docs/glossary.md (English | Български | Notes), one Term per English
    form; a form listed in several rows ("cancel (a dialog)", "cancel (a workflow)") accepts the
    Bulgarian forms of all of them."""
    by_form = {}
    in_terms = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_terms = line.startswith("## Terms")
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not in_terms or len(cells) < 3 or cells[0] in {"English", ""} or set(cells[0]) <= {"-"}:
            continue
        if "+" in cells[0]:
            continue  # a combined status label, not a term
        restricted = "(" in cells[0]
        for form in split_forms(cells[0]):
            term = by_form.setdefault(form.lower(), Term([form.lower()], []))
            term.bulgarian += split_forms(cells[1])
            term.ruled_out += RULED_OUT.findall(cells[2])
            term.sense_restricted = term.sense_restricted or restricted
    return list(by_form.values())


@dataclass
class Finding:
    path: str
    msgid: str
    msgstr: str
    problem: str


def check_catalogue(catalogue, terms, path=""):
    """(violations, warnings) of one polib catalogue's translated messages."""
    violations, warnings = [], []
    for entry in catalogue.translated_entries():
        msgid = CODE.sub(" ", entry.msgid)
        msgstrs = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        present = [term for term in terms if term.in_english(msgid)]
        for term in present:
            for msgstr in msgstrs:
                if not term.in_bulgarian(msgstr):
                    finding = Finding(path, msgid, msgstr, f"{term.english[0]} → {term.bulgarian}")
                    (violations if term.is_whole(entry.msgid) else warnings).append(finding)
                for wrong in term.ruled_out:
                    explained = any(
                        contains_phrase(wrong, form, loose=True)
                        for other in present
                        if other is not term
                        for form in other.bulgarian
                    )
                    if contains_phrase(msgstr, wrong) and not explained:
                        violations.append(
                            Finding(path, msgid, msgstr, f"{term.english[0]}: not „{wrong}“")
                        )
    return violations, warnings
