"""XLIFF 1.2 files of wagtail-localize translations, for CAT tools (memoQ, Trados, OmegaT, Phrase).

An XLIFF file is written from the same export as the PO file (``po_upload.export_po``: the
translation's ID, when it was exported, when it last changed) and read back into the same
``polib.POFile``, so that its import goes through the PO path's checks (``import_checked``:
newer editor work or cut-short values listed and confirmed first, markup validated, rows
locked) instead of a copy of them. What only XLIFF needs is checked here, before anything is
written: well-formed XML (parsed by translate-toolkit's safe parser: no DTD, no entities),
this translation's file, every unit still in the source, and inline tags: the segments'
markup (``<b>``, ``<a id="a1">``, ``<br>``) travels as ``<g id="N">``/``<x id="N"/>``, numbered
in the source's order, and a target may use only the ids of its own source.

A unit is imported when its target is not empty and its ``state`` is not ``new``,
``needs-translation`` or ``needs-review-…`` (as a fuzzy PO entry is not).
"""

import hashlib
import html
from datetime import datetime

import lxml.html
import polib
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.http import require_POST
from lxml import etree
from translate.storage import xliff
from wagtail_localize.models import StringSegment, Translation

from localization.permissions import user_can_edit
from localization.po_upload import (
    EXPORTED_AT_HEADER,
    LAST_CHANGED_HEADER,
    MAX_PO_SIZE,
    TRANSLATION_ID_HEADER,
    XLIFF_TOOL_NAME,
    BadUpload,
    FileFormat,
    export_po,
    translation_named_by,
    upload_file,
)

NS = "urn:oasis:names:tc:xliff:document:1.2"
PROP_GROUP = "wagtail-localize"
PROPS = {
    "translation-id": TRANSLATION_ID_HEADER,
    "exported-at": EXPORTED_AT_HEADER,
    "last-changed-at": LAST_CHANGED_HEADER,
}
NOT_TRANSLATED_STATES = {"new", "needs-translation"}
CTYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "a": "link", "br": "lb"}
EMPTY_TAGS = {"br"}


def q(name):
    return f"{{{NS}}}{name}"


class Markup:
    """A segment's HTML as XLIFF inline content, and the tags its ids stand for."""

    def __init__(self, segment_html: str):
        self.tags = {}  # id -> (tag, attributes)
        root = lxml.html.fragment_fromstring(segment_html, create_parent="root")
        self.container = etree.Element(q("source"), nsmap={None: NS})
        self.container.text = root.text
        self._convert(root, self.container)

    def _convert(self, html_parent, xliff_parent):
        for child in html_parent:
            number = str(len(self.tags) + 1)
            self.tags[number] = (child.tag, dict(child.attrib))
            kind = "x" if child.tag in EMPTY_TAGS else "g"
            element = etree.SubElement(xliff_parent, q(kind), id=number)
            element.set("ctype", CTYPES.get(child.tag, f"x-html-{child.tag}"))
            element.tail = child.tail
            if kind == "g":
                element.text = child.text
                self._convert(child, element)

    @property
    def signature(self):
        return signature_of(self.container)

    def to_html(self, element) -> str:
        """The HTML of a target's inline content, with this source's tags for its ids."""
        parts = [html.escape(element.text or "", quote=False)]
        for child in element:
            name = etree.QName(child).localname
            if etree.QName(child).namespace != NS or name not in ("g", "x"):
                raise ValueError(
                    _("the inline element <%(name)s> is not supported") % {"name": name}
                )
            tag = self.tags.get(child.get("id"))
            if tag is None or (name == "x") != (tag[0] in EMPTY_TAGS):
                raise ValueError(
                    _('the inline tag <%(name)s id="%(id)s"> is not in the source')
                    % {"name": name, "id": child.get("id")}
                )
            attributes = "".join(f' {key}="{html.escape(value)}"' for key, value in tag[1].items())
            if name == "x":
                parts.append(f"<{tag[0]}{attributes}/>")
            else:
                parts.append(f"<{tag[0]}{attributes}>{self.to_html(child)}</{tag[0]}>")
            parts.append(html.escape(child.tail or "", quote=False))
        return "".join(parts)


def signature_of(element) -> str:
    """The inline content as text and tag ids only (what identifies a unit's source)."""
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname
        if name == "x":
            parts.append(f"<x{child.get('id')}/>")
        else:
            parts.append(f"<{name}{child.get('id')}>{signature_of(child)}</{name}>")
        parts.append(child.tail or "")
    return "".join(parts)


def unit_id(context: str, source: str) -> str:
    return hashlib.sha1(f"{context}\x00{source}".encode(), usedforsecurity=False).hexdigest()[:16]


def set_inline(element, markup_container):
    element.text = markup_container.text
    for child in markup_container:
        element.append(child)


def export_xliff(translation) -> bytes:
    """The translation as an XLIFF 1.2 file: one unit per string segment, its field's path as
    ``resname``, the translation where there is one (``state="translated"``)."""
    po = export_po(translation)
    original = f"wagtail-localize/{translation.uuid}"
    skeleton = etree.Element(q("xliff"), version="1.2", nsmap={None: NS})
    file_node = etree.SubElement(
        skeleton,
        q("file"),
        original=original,
        datatype="html",
        **{
            "source-language": translation.source.locale.language_code,
            "target-language": translation.target_locale.language_code,
        },
    )
    group = etree.SubElement(etree.SubElement(file_node, q("header")), q("prop-group"))
    group.set("name", PROP_GROUP)
    for prop_type, key in PROPS.items():
        if key in po.metadata:
            etree.SubElement(group, q("prop"), {"prop-type": prop_type}).text = po.metadata[key]
    etree.SubElement(file_node, q("body"))
    store = xliff.xlifffile.parsestring(etree.tostring(skeleton))
    target_code = translation.target_locale.language_code
    for entry in po:
        unit = store.addsourceunit("", original)
        unit.setid(unit_id(entry.msgctxt or "", entry.msgid))
        unit.xmlelement.set("resname", entry.msgctxt or "")
        set_inline(unit.source_dom, Markup(entry.msgid).container)
        if entry.msgstr:
            target = etree.SubElement(unit.xmlelement, q("target"), state="translated")
            target.set("{http://www.w3.org/XML/1998/namespace}lang", target_code)
            set_inline(target, Markup(entry.msgstr).container)
    root = store.document.getroot()
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_xliff_files(translations, properties: dict) -> bytes:
    """Several translations as one XLIFF 1.2 file, one <file> each (as ``export_xliff`` writes
    it, its ``original`` naming the translation), with ``properties`` added to each <file>'s
    ``wagtail-localize`` properties (e.g. the subtree translation job it belongs to)."""
    root = etree.Element(q("xliff"), version="1.2", nsmap={None: NS})
    for translation in translations:
        file_node = etree.fromstring(export_xliff(translation)).find(q("file"))
        group = file_node.find(f"{q('header')}/{q('prop-group')}")
        for prop_type, value in properties.items():
            etree.SubElement(group, q("prop"), {"prop-type": prop_type}).text = value
        file_node.tail = "\n"
        root.append(file_node)
    root.text = "\n"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def read_xliff(data: bytes | None, translation=None) -> polib.POFile:
    """The XLIFF file in ``data`` as the PO file its import is (see the module's docstring);
    with ``translation``, it must be that one's. Raises ``BadUpload``, having written nothing."""
    files = parse_xliff(data).findall(q("file"))
    if len(files) != 1:
        raise BadUpload(_("The XLIFF file must hold exactly one translation (one <file>)."))
    return read_file_element(files[0], translation)


def parse_xliff(data: bytes | None):
    """The root element of the XLIFF 1.2 document in ``data``, checked as XML (no DTD)."""
    if data is None:
        raise BadUpload(_("Choose an XLIFF file to upload."))
    if len(data) == 0:
        raise BadUpload(_("The uploaded file is empty."))
    if len(data) > MAX_PO_SIZE:
        raise BadUpload(str(XLIFF_FORMAT.too_large))
    try:
        store = xliff.xlifffile.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise BadUpload(
            _("The XLIFF file is not valid XML at line %(line)d: %(detail)s. Nothing was imported.")
            % {"line": error.lineno or 0, "detail": error.msg}
        ) from None
    except (AssertionError, ValueError, TypeError, StopIteration):
        # translate-toolkit's parser asserts the root element and looks for a <file>
        raise BadUpload(_("This is not an XLIFF 1.2 file. Nothing was imported.")) from None
    if store.document.docinfo.doctype:
        raise BadUpload(_("XLIFF files with a document type declaration are not accepted."))
    root = store.document.getroot()
    if root.tag != q("xliff"):
        raise BadUpload(_("This is not an XLIFF 1.2 file. Nothing was imported."))
    return root


def file_properties(file_element) -> dict:
    """prop-type -> text of the ``wagtail-localize`` properties in a <file>'s header."""
    return {
        prop.get("prop-type"): (prop.text or "").strip()
        for prop in file_element.iterfind(f"{q('header')}/{q('prop-group')}/{q('prop')}")
    }


def read_file_element(file_element, translation=None) -> polib.POFile:
    """One <file> of an XLIFF document as the PO file its import is; with ``translation``, it
    must be that one's. Raises ``BadUpload``."""
    metadata = {"Content-Type": "text/plain; charset=utf-8"}
    for prop_type, value in file_properties(file_element).items():
        if prop_type in PROPS:
            metadata[PROPS[prop_type]] = value
    if TRANSLATION_ID_HEADER not in metadata:
        raise BadUpload(
            _(
                "This XLIFF file has no translation ID, so it was not exported from this "
                "translation. Download the XLIFF file of this translation and translate that."
            )
        )
    if translation is not None and metadata[TRANSLATION_ID_HEADER] != str(translation.uuid):
        raise BadUpload(_("This XLIFF file belongs to another translation."))
    check_exported_at(metadata.get(EXPORTED_AT_HEADER))
    po = polib.POFile(wrapwidth=78)
    po.metadata = metadata
    if translation is None:
        translation = translation_named_by(po)
    segments = known_segments(translation)
    unknown, invalid = [], []
    for unit_element in file_element.iter(q("trans-unit")):
        if unit_element.get("translate") == "no":
            continue
        source = unit_element.find(q("source"))
        context = unit_element.get("resname", "")
        found = segments.get((context, signature_of(source) if source is not None else None))
        if found is None:
            unknown.append("".join(source.itertext()) if source is not None else "")
            continue
        msgid, markup = found
        target = unit_element.find(q("target"))
        if target is None or (not "".join(target.itertext()).strip() and not len(target)):
            continue
        state = target.get("state", "")
        if state in NOT_TRANSLATED_STATES or state.startswith("needs-review"):
            continue
        try:
            msgstr = markup.to_html(target)
        except ValueError as error:
            invalid.append(f"“{msgid[:60]}”: {error}")
            continue
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    if unknown:
        raise BadUpload(
            ngettext(
                "The file has %(count)d segment that is no longer in the source (“%(example)s”). "
                "Download a fresh XLIFF file.",
                "The file has %(count)d segments that are no longer in the source "
                "(e.g. “%(example)s”). Download a fresh XLIFF file.",
                len(unknown),
            )
            % {"count": len(unknown), "example": unknown[0][:60]}
        )
    if invalid:
        raise BadUpload(
            _("Some translations have markup that cannot be used: %(errors)s")
            % {"errors": "; ".join(invalid[:3])}
        )
    return po


def check_exported_at(value):
    if value is None:
        return
    try:
        exported_at = datetime.fromisoformat(value)
    except ValueError:
        exported_at = None
    if exported_at is None or timezone.is_naive(exported_at):
        raise BadUpload(
            _("The export time in the XLIFF file is not valid. Download a fresh XLIFF file.")
        )


def known_segments(translation) -> dict:
    """(field path, inline signature) -> (the segment's HTML, its markup) of the source."""
    segments = StringSegment.objects.filter(source=translation.source)
    known = {}
    for segment in segments.select_related("string", "context"):
        markup = Markup(segment.string.data)
        known[(segment.context.path, markup.signature)] = (segment.string.data, markup)
    return known


XLIFF_FORMAT = FileFormat(
    name="xliff",
    read=read_xliff,
    tool_name=XLIFF_TOOL_NAME,
    session_key="localization_pending_xliff_upload",
    upload_url_name="localization_upload_xliff",
    too_large=gettext_lazy("The uploaded file is too large for an XLIFF file."),
    no_longer_waiting=gettext_lazy(
        "This upload is no longer waiting for confirmation. Upload the XLIFF file again."
    ),
    cancelled=gettext_lazy("The XLIFF file was not imported; nothing changed."),
    imported=gettext_lazy("The translations in the XLIFF file were imported."),
    replaced_editor_work=ngettext_lazy(
        "The XLIFF file replaced %(count)d translation that had been made in the editor.",
        "The XLIFF file replaced %(count)d translations that had been made in the editor.",
        "count",
    ),
)


@require_POST
def upload_xliff(request, translation_id):
    """Upload, and the confirmation step, as for PO files (``po_upload.upload_file``)."""
    return upload_file(request, translation_id, XLIFF_FORMAT)


def download_xliff(request, translation_id):
    """The translation's XLIFF file, for those who may edit the translation."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    response = HttpResponse(export_xliff(translation), content_type="application/x-xliff+xml")
    response["Content-Disposition"] = f'attachment; filename="{file_name(translation)}"'
    return response


def file_name(translation) -> str:
    source_code = translation.source.locale.language_code
    target_code = translation.target_locale.language_code
    name = slugify(translation.source.object_repr)[:60] or "translation"
    return f"{name}-{source_code}-{target_code}.xlf"
