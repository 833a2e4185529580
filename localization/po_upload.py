"""A stricter PO upload for wagtail-localize's translation editor.

wagtail-localize 1.14 answers 500 to an upload without a file or without its translation-id
header, and imports what it can from a file with unknown strings or broken markup. Here every
bad upload gets a clear message and changes nothing, and replacing a translator's own work is
always reported.
"""

import contextlib

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links
from wagtail_localize.views import edit_translation

from localization.permissions import user_can_edit

MAX_PO_SIZE = 5 * 1024 * 1024
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


class BadUpload(ValueError):
    """An upload that must not be imported; its message is shown to the translator."""


def read_po(upload, translation) -> polib.POFile:
    if upload is None:
        raise BadUpload(_("Choose a PO file to upload."))
    if upload.size == 0:
        raise BadUpload(_("The uploaded file is empty."))
    if upload.size > MAX_PO_SIZE:
        raise BadUpload(_("The uploaded file is too large for a PO file."))
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadUpload(_("This is not a PO file (it is not UTF-8 text).")) from None
    if "\x00" in text:
        raise BadUpload(_("This is not a PO file (it contains binary data)."))
    try:
        po = polib.pofile(text)
    except (OSError, ValueError):
        raise BadUpload(_("This is not a valid PO file.")) from None
    if TRANSLATION_ID_HEADER not in po.metadata:
        raise BadUpload(
            _(
                "This PO file has no translation ID, so it was not exported from this "
                "translation. Download the PO file of this translation and translate that."
            )
        )
    if po.metadata[TRANSLATION_ID_HEADER] != str(translation.uuid):
        raise BadUpload(_("This PO file belongs to another translation."))
    return po


def check_entries(po, translation) -> list:
    """Refuse strings that are no longer in the source and translations with broken markup;
    return the entries that will change a translator's manual work."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    known = {(s.string.data, s.context.path): s for s in segments}
    unknown, invalid, overwrites = [], [], []
    existing = {
        (t.translation_of_id, t.context_id): t
        for t in StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        )
    }
    for entry in po.translated_entries():
        segment = known.get((entry.msgid, entry.msgctxt))
        if segment is None:
            unknown.append(entry.msgid)
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            invalid.append(f"“{entry.msgid[:60]}”: {error}")
            continue
        current = existing.get((segment.string_id, segment.context_id))
        if (
            current is not None
            and current.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
            and current.tool_name != "PO File"
            and current.data != entry.msgstr
        ):
            overwrites.append(entry.msgid)
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
    return overwrites


@require_POST
def upload_pofile(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    try:
        po = read_po(request.FILES.get("file"), translation)
        overwrites = check_entries(po, translation)
    except BadUpload as error:
        messages.error(request, str(error))
        return redirect(next_url)
    with transaction.atomic():
        translation.import_po(po, user=request.user, tool_name="PO File")
    messages.success(request, _("Successfully imported translations from PO File."))
    if overwrites:
        messages.warning(
            request,
            ngettext(
                "The PO file replaced %(count)d translation that had been made in the editor.",
                "The PO file replaced %(count)d translations that had been made in the editor.",
                len(overwrites),
            )
            % {"count": len(overwrites)},
        )
    with contextlib.suppress(AttributeError):
        request.FILES["file"].close()
    return redirect(next_url)


def download_pofile(request, translation_id):
    """wagtail-localize's download, with the translator's language checked too."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return edit_translation.download_pofile(request, translation_id)
