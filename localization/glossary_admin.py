"""The glossary in the admin: a snippet listing with search, and TBX import and export
(localization/quality/tbx.py). Editors and Moderators change it; translators read it."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from localization.models import GlossaryTerm
from localization.quality.tbx import TBXError, export_tbx, import_tbx


class GlossaryIndexView(IndexView):
    """The listing, with "Import TBX" (for those who may change terms) and "Export TBX"."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perms(IMPORT_PERMISSIONS):
            buttons.append(
                HeaderButton(
                    _("Import TBX"), url=reverse("localization_glossary_import"), icon_name="upload"
                )
            )
        buttons.append(
            HeaderButton(
                _("Export TBX"), url=reverse("localization_glossary_export"), icon_name="download"
            )
        )
        return buttons


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = gettext_lazy("Glossary")
    add_to_admin_menu = False
    list_display = ["english", "bulgarian", "part_of_speech"]
    list_filter = ["part_of_speech"]
    search_fields = ["english", "bulgarian", "notes", "forbidden_bulgarian", "forbidden_english"]
    search_backend_name = None
    index_view_class = GlossaryIndexView
    panels = [
        FieldPanel("english"),
        FieldPanel("bulgarian"),
        FieldPanel("part_of_speech"),
        FieldPanel("forbidden_bulgarian"),
        FieldPanel("forbidden_english"),
        FieldPanel("notes"),
    ]


IMPORT_PERMISSIONS = ["localization.add_glossaryterm", "localization.change_glossaryterm"]


def listing_url():
    return reverse("wagtailsnippets_localization_glossaryterm:list")


def export_glossary(request):
    """The whole glossary as a TBX-Basic download."""
    if not request.user.has_perm("localization.view_glossaryterm"):
        return permission_denied(request)
    response = HttpResponse(
        export_tbx(GlossaryTerm.objects.all()), content_type="application/x-tbx+xml"
    )
    response["Content-Disposition"] = 'attachment; filename="glossary.tbx"'
    return response


def import_glossary(request):
    """Upload a TBX file: all its terms saved (new ones created, existing ones updated), or, for
    a bad file, none, with the reason."""
    if not request.user.has_perms(IMPORT_PERMISSIONS):
        return permission_denied(request)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a TBX file to import.")
        else:
            try:
                created, updated = import_tbx(upload.read())
            except TBXError as refusal:
                error = _("The file was not imported: %(reason)s") % {"reason": refusal}
            else:
                messages.success(
                    request,
                    _("Glossary imported: new terms: %(created)d; updated: %(updated)d.")
                    % {"created": created, "updated": updated},
                )
                return redirect(listing_url())
    return render(
        request,
        "localization/glossary_import.html",
        {"error": error, "listing_url": listing_url(), "header_title": _("Import a TBX glossary")},
        status=400 if error else 200,
    )
