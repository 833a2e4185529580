"""PO files of wagtail-localize translations, exchanged strictly (admin views and the commands).

wagtail-localize 1.14 answers 500 to an upload without a file or without its translation-id
header, imports what it can from a broken or cut-off file, and overwrites whatever was saved in
the editor since the file was downloaded. Here:

- a file GNU ``msgfmt --check`` rejects, or that is not this translation's, is refused with a
  message (and the line, where msgfmt names one) and changes nothing;
- the export records when it was made; an import that would replace translations changed after
  that, or that looks truncated against the current text, lists them and writes nothing until
  the translator confirms (admin) or ``--overwrite`` is given (``import_locale_po``);
- uploaded text is parsed as text, never taken for a path on the server (``polib.pofile(text)``
  opens a file if ``text`` names one).
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from localization.permissions import user_can_edit

MAX_PO_SIZE = 5 * 1024 * 1024
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"
EXPORTED_AT_HEADER = "X-SKC-Exported-At"
LAST_CHANGED_HEADER = "X-SKC-Last-Changed-At"
PO_TOOL_NAME = "PO File"
XLIFF_TOOL_NAME = "XLIFF file"
FILE_TOOL_NAMES = (PO_TOOL_NAME, XLIFF_TOOL_NAME)
"""``StringTranslation.tool_name`` of what a PO or XLIFF import (localization/xliff.py) wrote."""
MSGFMT_TIMEOUT_SECONDS = 30
PENDING_UPLOAD_SESSION_KEY = "localization_pending_po_upload"
OVERWRITE = object()
"""``approved=OVERWRITE``: replace whatever the file replaces (``import_locale_po --overwrite``)."""


class BadUpload(ValueError):
    """A file that must not be imported; its message is shown to the translator."""


@dataclass(frozen=True)
class Replacement:
    """A current translation that an import would replace and that needs the translator's yes."""

    context: str
    source_text: str
    current: str
    incoming: str
    changed_after_export: bool
    looks_truncated: bool
    changed_at: datetime | None
    changed_by: str

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.changed_after_export:
            reasons.append(_("changed after the file was exported"))
        if self.looks_truncated:
            reasons.append(_("the new text looks cut short"))
        return reasons


class NeedsConfirmation(Exception):
    """The import would replace the listed translations; nothing was written."""

    def __init__(self, replacements: list[Replacement]):
        super().__init__(f"{len(replacements)} translation(s) need confirmation")
        self.replacements = replacements
        self.fingerprint = fingerprint_of(replacements)


def fingerprint_of(replacements: list[Replacement]) -> str:
    """What a confirmation agrees to: the exact list of values replaced and their successors."""
    listed = [(r.context, r.source_text, r.current, r.incoming) for r in replacements]
    return hashlib.sha256(json.dumps(listed, ensure_ascii=False).encode()).hexdigest()


def string_translations(translation):
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale=translation.target_locale
    )


def export_po(translation) -> polib.POFile:
    """wagtail-localize's export plus the time of the export (taken before the strings are read,
    so a save racing the export counts as newer) and the latest change of this translation."""
    exported_at = timezone.now()
    po = translation.export_po()
    po.metadata["Language"] = translation.target_locale.language_code
    po.metadata[EXPORTED_AT_HEADER] = exported_at.isoformat()
    last_change = string_translations(translation).aggregate(last=Max("updated_at"))["last"]
    if last_change is not None:
        po.metadata[LAST_CHANGED_HEADER] = last_change.isoformat()
    return po


def parse_po_text(text: str) -> polib.POFile:
    """Parse ``text`` as the content of a PO file: written to a private temporary file first,
    because ``polib.pofile(text)`` reads the file ``text`` names when there is one."""
    with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        return polib.pofile(file.name, encoding="utf-8", wrapwidth=78)


MSGFMT_ERROR_LINE = re.compile(r"^<stdin>:(\d+)(?::\d+)?: (?!warning)(.+)$", re.MULTILINE)
MSGFMT_PROBLEMS = [
    ("end-of-line within string", gettext_lazy("a text is not closed with a quotation mark")),
    ("end-of-file within string", gettext_lazy("a text is not closed with a quotation mark")),
    ("invalid control sequence", gettext_lazy("a backslash starts an invalid escape sequence")),
    ("duplicate message definition", gettext_lazy("the same text appears twice")),
    ("plural expression", gettext_lazy("the header's Plural-Forms line is invalid")),
    ("plural", gettext_lazy("the plural forms do not match the header")),
    ("missing 'msgstr'", gettext_lazy("an entry has no msgstr line")),
    ("missing 'msgid'", gettext_lazy("an entry has no msgid line")),
    ("header", gettext_lazy("the header is invalid")),
    ("syntax error", gettext_lazy("a line is not valid PO syntax")),
    ("unknown", gettext_lazy("a line is not valid PO syntax")),
]


def check_with_msgfmt(data: bytes) -> None:
    """Refuse what GNU ``msgfmt --check`` rejects, naming the first line it complains about."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise BadUpload(
            _(
                "PO files cannot be checked on this server (GNU gettext is missing); "
                "none is imported."
            )
        )
    try:
        result = subprocess.run(
            [msgfmt, "--check", "-o", os.devnull, "-"],
            input=data,
            capture_output=True,
            timeout=MSGFMT_TIMEOUT_SECONDS,
            env={"LC_ALL": "C"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BadUpload(
            _("The PO file could not be checked in time; nothing was imported.")
        ) from None
    if result.returncode == 0:
        return
    report = result.stderr.decode("utf-8", "replace")
    error = MSGFMT_ERROR_LINE.search(report)
    if error is None:
        raise BadUpload(
            _("The PO file is not valid (msgfmt: “%(detail)s”). Nothing was imported.")
            % {"detail": " ".join(report.split())[:300]}
        )
    line, detail = int(error.group(1)), error.group(2).strip()
    if "end-of-line within string" in detail:
        line -= 1  # msgfmt counts the line break that ends the open string
    problem = next((text for key, text in MSGFMT_PROBLEMS if key in detail), detail)
    raise BadUpload(
        _(
            "The PO file is not valid at line %(line)d: %(problem)s (msgfmt: “%(detail)s”). "
            "Nothing was imported."
        )
        % {"line": line, "problem": problem, "detail": detail}
    )


def read_po(data: bytes | None, translation=None) -> polib.POFile:
    """The PO file in ``data``, checked in full; with ``translation``, it must be that one's."""
    if data is None:
        raise BadUpload(_("Choose a PO file to upload."))
    if len(data) == 0:
        raise BadUpload(_("The uploaded file is empty."))
    if len(data) > MAX_PO_SIZE:
        raise BadUpload(_("The uploaded file is too large for a PO file."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadUpload(_("This is not a PO file (it is not UTF-8 text).")) from None
    if "\x00" in text:
        raise BadUpload(_("This is not a PO file (it contains binary data)."))
    try:
        po = parse_po_text(text)
    except (OSError, ValueError):
        check_with_msgfmt(data)  # its refusal names the line
        raise BadUpload(_("This is not a valid PO file.")) from None
    if TRANSLATION_ID_HEADER not in po.metadata:
        raise BadUpload(
            _(
                "This PO file has no translation ID, so it was not exported from this "
                "translation. Download the PO file of this translation and translate that."
            )
        )
    if translation is not None and po.metadata[TRANSLATION_ID_HEADER] != str(translation.uuid):
        raise BadUpload(_("This PO file belongs to another translation."))
    check_with_msgfmt(data)
    charset = po.metadata.get("Content-Type", "").partition("charset=")[2].strip().lower()
    if charset not in ("utf-8", "utf8"):
        raise BadUpload(_("The PO file must be saved as UTF-8 (its header says otherwise)."))
    exported_at_of(po)
    return po


def exported_at_of(po) -> datetime | None:
    """When the file was exported (``None`` for a file exported before this header existed)."""
    value = po.metadata.get(EXPORTED_AT_HEADER)
    if value is None:
        return None
    try:
        exported_at = datetime.fromisoformat(value)
    except ValueError:
        exported_at = None
    if exported_at is None or timezone.is_naive(exported_at):
        raise BadUpload(
            _("The export time in the PO file's header is not valid. Download a fresh PO file.")
        )
    return exported_at


def translation_named_by(po) -> Translation:
    """The translation a PO file says it belongs to (for files that arrive without a page)."""
    try:
        translation_uuid = uuid.UUID(po.metadata.get(TRANSLATION_ID_HEADER, ""))
    except ValueError:
        translation_uuid = None
    translation = Translation.objects.filter(uuid=translation_uuid).first()
    if translation_uuid is None or translation is None:
        raise BadUpload(_("The PO file names no translation of this site."))
    return translation


def looks_truncated(source: str, current: str, incoming: str) -> bool:
    """A value cut short: a strict prefix of the current translation, under a third of the
    source's length, or ending where a wrapped PO line ends (a space or a hyphen) although the
    source does not."""
    if current and incoming != current and current.startswith(incoming):
        return True
    if len(incoming) * 3 < len(source):
        return True
    return any(incoming.endswith(end) and not source.endswith(end) for end in (" ", "\n", "-"))


def plan_import(po, translation) -> tuple[polib.POFile, list[Replacement], int]:
    """Check every entry against the source; return the file to import (translated entries only:
    not fuzzy, not the obsolete ones kept for reference), the replacements that need a yes, and
    how many translations made in the editor before the export it replaces."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    known = {(s.string.data, s.context.path): s for s in segments}
    existing = {
        (t.translation_of_id, t.context_id): t
        for t in string_translations(translation).select_related("last_translated_by")
    }
    exported_at = exported_at_of(po)
    to_import = polib.POFile(wrapwidth=78)
    to_import.metadata = dict(po.metadata)
    unknown, invalid, replacements, replaced_editor_work = [], [], [], 0
    for entry in po.translated_entries():
        segment = known.get((entry.msgid, entry.msgctxt))
        if segment is None or entry.msgid_plural:
            unknown.append(entry.msgid)
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            invalid.append(f"“{entry.msgid[:60]}”: {error}")
            continue
        to_import.append(entry)
        current = existing.get((segment.string_id, segment.context_id))
        current_text = current.data if current is not None else ""
        if current_text == entry.msgstr:
            continue
        changed_after_export = current is not None and (
            exported_at is None or current.updated_at > exported_at
        )
        truncated = looks_truncated(entry.msgid, current_text, entry.msgstr)
        if changed_after_export or truncated:
            replacements.append(
                Replacement(
                    context=entry.msgctxt or "",
                    source_text=entry.msgid,
                    current=current_text,
                    incoming=entry.msgstr,
                    changed_after_export=changed_after_export,
                    looks_truncated=truncated,
                    changed_at=current.updated_at if current is not None else None,
                    changed_by=str(current.last_translated_by or "") if current else "",
                )
            )
        elif (
            current is not None
            and current.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
            and current.tool_name not in FILE_TOOL_NAMES
        ):
            replaced_editor_work += 1
    if unknown:
        raise BadUpload(
            ngettext(
                "The file has %(count)d string that is no longer in the source (“%(example)s”). "
                "Download a fresh PO file.",
                "The file has %(count)d strings that are no longer in the source "
                "(e.g. “%(example)s”). Download a fresh PO file.",
                len(unknown),
            )
            % {"count": len(unknown), "example": unknown[0][:60]}
        )
    if invalid:
        raise BadUpload(
            _("Some translations have markup that cannot be used: %(errors)s")
            % {"errors": "; ".join(invalid[:3])}
        )
    return to_import, replacements, replaced_editor_work


def import_checked(po, translation, *, user=None, approved=None, tool_name=PO_TOOL_NAME) -> int:
    """Import ``po`` (as returned by ``read_po``) into ``translation`` and return how many
    translations made in the editor it replaced. Raises ``NeedsConfirmation`` (writing nothing)
    when it would replace newer or truncate current work, unless ``approved`` is that list's
    fingerprint or ``OVERWRITE``. Checked and written with the rows locked. XLIFF files arrive
    here converted to the same ``polib.POFile`` (localization/xliff.py)."""
    with transaction.atomic():
        list(string_translations(translation).select_for_update(of=("self",)))
        to_import, replacements, replaced_editor_work = plan_import(po, translation)
        if replacements and not (
            approved is OVERWRITE
            or (isinstance(approved, str) and approved == fingerprint_of(replacements))
        ):
            raise NeedsConfirmation(replacements)
        translation.import_po(to_import, user=user, tool_name=tool_name)
    return replaced_editor_work


@dataclass(frozen=True)
class FileFormat:
    """What the upload view needs to know of a translation file format (PO here, XLIFF in
    localization/xliff.py): its reader, its tool name, its messages and its addresses."""

    name: str
    read: object
    tool_name: str
    session_key: str
    upload_url_name: str
    too_large: str
    no_longer_waiting: str
    cancelled: str
    imported: str
    replaced_editor_work: object
    """``ngettext_lazy(..., "count")``: formatted with ``% {"count": n}``."""


PO_FORMAT = FileFormat(
    name="po",
    read=lambda data, translation: read_po(data, translation),
    tool_name=PO_TOOL_NAME,
    session_key=PENDING_UPLOAD_SESSION_KEY,
    upload_url_name="localization_upload_pofile",
    too_large=gettext_lazy("The uploaded file is too large for a PO file."),
    no_longer_waiting=gettext_lazy(
        "This upload is no longer waiting for confirmation. Upload the PO file again."
    ),
    cancelled=gettext_lazy("The PO file was not imported; nothing changed."),
    imported=gettext_lazy("Successfully imported translations from PO File."),
    replaced_editor_work=ngettext_lazy(
        "The PO file replaced %(count)d translation that had been made in the editor.",
        "The PO file replaced %(count)d translations that had been made in the editor.",
        "count",
    ),
)


@require_POST
def upload_pofile(request, translation_id):
    return upload_file(request, translation_id, PO_FORMAT)


def upload_file(request, translation_id, file_format):
    """Upload, and the confirmation step: the uploaded text waits in the session (one upload
    per session, at most ``MAX_PO_SIZE``) until the translator confirms or cancels."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    approved = None
    try:
        if "confirm" in request.POST:
            data = pending_upload(request, translation, file_format)
            if "cancel" in request.POST:
                request.session.pop(file_format.session_key, None)
                messages.info(request, str(file_format.cancelled))
                return redirect(next_url)
            approved = request.POST.get("fingerprint", "")
        else:
            data = read_upload(request.FILES.get("file"), file_format)
        po = file_format.read(data, translation)
        replaced_editor_work = import_checked(
            po, translation, user=request.user, approved=approved, tool_name=file_format.tool_name
        )
    except BadUpload as error:
        messages.error(request, str(error))
        return redirect(next_url)
    except NeedsConfirmation as question:
        return ask_before_replacing(request, translation, data, question, next_url, file_format)
    request.session.pop(file_format.session_key, None)
    messages.success(request, str(file_format.imported))
    if replaced_editor_work:
        messages.warning(
            request, file_format.replaced_editor_work % {"count": replaced_editor_work}
        )
    return redirect(next_url)


def read_upload(upload, file_format=PO_FORMAT) -> bytes | None:
    if upload is None:
        return None
    if upload.size > MAX_PO_SIZE:
        raise BadUpload(str(file_format.too_large))
    try:
        return upload.read()
    finally:
        upload.close()


def pending_upload(request, translation, file_format=PO_FORMAT) -> bytes:
    """The upload waiting for this confirmation (the form's one-time token)."""
    pending = request.session.get(file_format.session_key) or {}
    if pending.get("translation") != translation.pk or not constant_time_compare(
        pending.get("token", ""), request.POST.get("confirm", "")
    ):
        raise BadUpload(str(file_format.no_longer_waiting))
    return pending["text"].encode("utf-8")


def ask_before_replacing(request, translation, data, question, next_url, file_format=PO_FORMAT):
    """List what the upload would replace; keep its text (already checked to be UTF-8) for the
    confirmation, which checks it all again."""
    token = secrets.token_urlsafe(24)
    request.session[file_format.session_key] = {
        "translation": translation.pk,
        "token": token,
        "text": data.decode("utf-8"),
    }
    return TemplateResponse(
        request,
        "localization/po_upload_confirm.html",
        {
            "translation": translation,
            "object_repr": translation.source.object_repr,
            "replacements": question.replacements,
            "fingerprint": question.fingerprint,
            "token": token,
            "next_url": next_url,
            "file_format": file_format.name,
            "action_url": reverse(file_format.upload_url_name, args=[translation.pk]),
        },
    )


def download_pofile(request, translation_id):
    """wagtail-localize's download, with the translator's language checked and the export time
    recorded."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    response = HttpResponse(str(export_po(translation)), content_type="text/x-gettext-translation")
    name = f"{slugify(translation.source.object_repr)}-{translation.target_locale.language_code}.po"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
