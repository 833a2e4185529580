"""The glossary as TBX (ISO 30042), the exchange format of CAT tools and termbases.

Export writes TBX-Basic in TBX v3's DCA style (``<tbx type="TBX-Basic">``, one
``conceptEntry`` per term, a ``langSec`` per language, a ``termSec`` per term with its part of
speech and administrative status: ``preferredTerm-admn-sts`` for the term, ``deprecatedTerm-admn-
sts`` for a forbidden variant). Import reads that and the older TBX v2 (``martif``/``termEntry``/
``langSet``/``tig``) that many tools still write. A bad file is refused whole with the reason,
and nothing of it is imported. XML is parsed with defusedxml (no entities, no external DTDs).
"""

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.db import transaction
from django.utils.translation import gettext as _

from localization.models import GlossaryTerm

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, FORBIDDEN = "preferredTerm-admn-sts", "deprecatedTerm-admn-sts"
FORBIDDEN_STATUSES = {FORBIDDEN, "supersededTerm-admn-sts", "notRecommended", "deprecated"}
MAX_BYTES = 5 * 1024 * 1024
LANGUAGES = ("en", "bg")
PARTS_OF_SPEECH = set(GlossaryTerm.PartOfSpeech.values)


class TBXError(ValueError):
    """The file is not a TBX glossary this site can import; the message says why."""


@dataclass
class ImportedTerm:
    english: str
    bulgarian: str
    part_of_speech: str = GlossaryTerm.PartOfSpeech.NOUN
    notes: str = ""
    forbidden: dict = field(default_factory=lambda: {"en": [], "bg": []})


def export_tbx(terms) -> bytes:
    """The terms as a TBX-Basic document (UTF-8)."""
    root = Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en", "xmlns": NAMESPACE})
    header = SubElement(SubElement(SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    SubElement(header, "p").text = "Sofia Knowledge City glossary"
    body = SubElement(SubElement(root, "text"), "body")
    for number, term in enumerate(terms, start=1):
        entry = SubElement(body, "conceptEntry", {"id": f"c{number}"})
        if term.notes:
            SubElement(entry, "note").text = term.notes
        for language in LANGUAGES:
            section = SubElement(entry, "langSec", {XML_LANG: language})
            variants = [(term.term(language), PREFERRED)]
            variants += [(variant, FORBIDDEN) for variant in term.forbidden(language)]
            for text, status in variants:
                term_section = SubElement(section, "termSec")
                SubElement(term_section, "term").text = text
                SubElement(
                    term_section, "termNote", {"type": "partOfSpeech"}
                ).text = term.part_of_speech
                SubElement(term_section, "termNote", {"type": "administrativeStatus"}).text = status
    indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode()


def local_name(element):
    return element.tag.rsplit("}", 1)[-1]


def children(element, *names):
    return [child for child in element if local_name(child) in names]


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def term_sections(language_section):
    """(term, part of speech, status) of each termSec (v3) or tig/ntig (v2)."""
    found = []
    for section in children(language_section, "termSec", "tig", "ntig"):
        holders = [section, *children(section, "termGrp")]
        terms = [term for holder in holders for term in children(holder, "term")]
        notes = {
            note.get("type"): text_of(note)
            for holder in holders
            for note in children(holder, "termNote")
        }
        if terms:
            found.append(
                (text_of(terms[0]), notes.get("partOfSpeech"), notes.get("administrativeStatus"))
            )
    return found


def parse_tbx(data: bytes) -> list[ImportedTerm]:
    """The terms of a TBX file, or TBXError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise TBXError(_("The file is larger than 5 MB."))
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise TBXError(_("The file declares a DTD or entities, which are not accepted.")) from None
    except ElementTree.ParseError as error:
        raise TBXError(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from None
    if local_name(root) not in ("tbx", "martif"):
        raise TBXError(
            _("The file is not TBX: its root element is <%(name)s>.") % {"name": local_name(root)}
        )
    entries = [
        element for element in root.iter() if local_name(element) in ("conceptEntry", "termEntry")
    ]
    if not entries:
        raise TBXError(_("The file holds no term entries."))
    imported, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        preferred, forbidden, part_of_speech = {}, {"en": [], "bg": []}, None
        for section in children(entry, "langSec", "langSet"):
            language = (section.get(XML_LANG) or section.get("lang") or "").lower().split("-")[0]
            if language not in LANGUAGES:
                continue
            for text, part, status in term_sections(section):
                if status in FORBIDDEN_STATUSES:
                    forbidden[language].append(text)
                elif language not in preferred:
                    preferred[language] = text
                    part_of_speech = part_of_speech or part
        missing = [language for language in LANGUAGES if not preferred.get(language)]
        if missing:
            raise TBXError(
                _("Entry %(number)d has no %(languages)s term.")
                % {"number": number, "languages": " / ".join(code.upper() for code in missing)}
            )
        if any(len(text) > 255 for text in preferred.values()):
            raise TBXError(
                _("Entry %(number)d has a term longer than 255 characters.") % {"number": number}
            )
        if preferred["en"] in seen:
            raise TBXError(
                _("The English term “%(term)s” appears twice (entry %(number)d).")
                % {"term": preferred["en"], "number": number}
            )
        seen.add(preferred["en"])
        notes = "\n".join(text_of(note) for note in children(entry, "note", "descrip"))
        imported.append(
            ImportedTerm(
                english=preferred["en"],
                bulgarian=preferred["bg"],
                part_of_speech=part_of_speech if part_of_speech in PARTS_OF_SPEECH else "other",
                notes=notes,
                forbidden=forbidden,
            )
        )
    return imported


@transaction.atomic
def import_terms(terms, replace_existing=True):
    """Save the parsed terms, all or none: (created, updated) counts. Without
    ``replace_existing``, terms already in the glossary are left as they are."""
    created = updated = 0
    existing = {term.english: term for term in GlossaryTerm.objects.all()}
    for item in terms:
        values = {
            "bulgarian": item.bulgarian,
            "part_of_speech": item.part_of_speech,
            "notes": item.notes,
            "forbidden_bulgarian": "\n".join(item.forbidden["bg"]),
            "forbidden_english": "\n".join(item.forbidden["en"]),
        }
        term = existing.get(item.english)
        if term is None:
            GlossaryTerm.objects.create(english=item.english, **values)
            created += 1
        elif replace_existing:
            for name, value in values.items():
                setattr(term, name, value)
            term.full_clean()
            term.save()
            updated += 1
    return created, updated


def import_tbx(data: bytes, replace_existing=True):
    """Parse and save a TBX file: (created, updated), or TBXError with nothing saved."""
    return import_terms(parse_tbx(data), replace_existing=replace_existing)
