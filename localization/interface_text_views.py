"""The "Interface texts" screen (Settings menu): our catalogue's messages in one language, with
search and status filters, and the form that changes one of them, with a preview of the unsaved
text on the public page that shows it, its history and revert."""

import re

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.admin import messages as admin_messages

from localization import interface_texts
from localization.models import InterfaceText, InterfaceTextChange

PER_PAGE = 50


def refused(request):
    """A 403 with the reason (Wagtail turns a PermissionDenied into a redirect to the dashboard,
    which hides from a translator why nothing happened)."""
    return render(
        request,
        "localization/interface_texts_refused.html",
        {"header_title": _("Interface texts")},
        status=403,
    )


def allowed(request, language):
    if language not in interface_texts.editable_languages():
        raise Http404
    return interface_texts.may_edit(request.user, language)


def index(request):
    """The first language the user may edit."""
    languages = interface_texts.languages_for(request.user)
    if not languages:
        return refused(request)
    return redirect("localization_interface_texts", language=languages[0])


def listing(request, language):
    if not allowed(request, language):
        return refused(request)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    found = interface_texts.messages(language)
    if query:
        found = [message for message in found if message.matches(query)]
    if status in interface_texts.status_labels():
        found = [message for message in found if message.status == status]
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "localization/interface_texts.html",
        {
            "language": language,
            "languages": interface_texts.languages_for(request.user),
            "page": page,
            "query": query,
            "status": status,
            "statuses": interface_texts.status_labels().items(),
            "header_title": _("Interface texts"),
        },
    )


class InterfaceTextForm(forms.Form):
    """One field per form of the message (one, or one per plural form)."""

    needs_review = forms.BooleanField(
        label=gettext_lazy("Needs review"),
        required=False,
        help_text=gettext_lazy("Kept, but not shown to readers until it is reviewed."),
    )

    def __init__(self, *args, language, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.language, self.message = language, message
        entry = message.entry
        count = interface_texts.plural_count(language) if entry.msgid_plural else 1
        current = message.override.forms if message.override else message.catalogue_forms
        for index in range(count):
            label = (
                _("Plural form %(number)d") % {"number": index + 1}
                if entry.msgid_plural
                else _("Translation")
            )
            self.fields[f"form_{index}"] = forms.CharField(
                label=label,
                required=False,
                strip=False,
                initial=current[index] if index < len(current) else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["needs_review"].initial = bool(
            message.override and message.override.status == InterfaceText.Status.FUZZY
        )
        self.order_fields([*[f"form_{index}" for index in range(count)], "needs_review"])

    def translation_forms(self):
        return [self.cleaned_data.get(name, "") for name in self.fields if name.startswith("form_")]

    def clean(self):
        cleaned = super().clean()
        for error in interface_texts.validation_errors(
            self.language, self.message.entry, self.translation_forms()
        ):
            self.add_error(None, error)
        return cleaned


def message_or_404(language, digest):
    message = interface_texts.find_message(language, digest)
    if message is None:
        raise Http404
    return message


def edit(request, language, digest):
    if not allowed(request, language):
        return refused(request)
    message = message_or_404(language, digest)
    form = InterfaceTextForm(request.POST or None, language=language, message=message)
    if request.method == "POST" and form.is_valid():
        status = (
            InterfaceText.Status.FUZZY
            if form.cleaned_data["needs_review"]
            else InterfaceText.Status.TRANSLATED
        )
        interface_texts.save_text(
            language, message.entry, form.translation_forms(), request.user, status
        )
        admin_messages.success(request, _("The interface text is saved and shown everywhere."))
        for warning in interface_texts.quality_warnings(
            language, message.entry, form.translation_forms()
        ):
            admin_messages.warning(request, _("Check the text: %(warning)s") % {"warning": warning})
        return redirect("localization_interface_text", language=language, digest=digest)
    if request.method == "POST":
        admin_messages.error(request, _("The text was not saved: correct the errors below."))
    return render(
        request,
        "localization/interface_text_edit.html",
        {
            "language": language,
            "message": message,
            "form": form,
            "preview_page": interface_texts.preview_page(language, message),
            "history": interface_texts.history(language, message.entry),
            "header_title": _("Interface text"),
            "listing_url": reverse("localization_interface_texts", args=[language]),
        },
    )


@require_POST
@xframe_options_sameorigin
def preview(request, language, digest):
    """The edit form's unsaved text on the public page that shows it, for this request only (the
    edit screen frames it): never saved, never cached, never seen by readers."""
    if not allowed(request, language):
        return refused(request)
    message = message_or_404(language, digest)
    form = InterfaceTextForm(request.POST, language=language, message=message)
    if not form.is_valid():
        return render(
            request,
            "localization/interface_text_preview_note.html",
            {"title": _("Not previewed: correct the errors."), "notes": form.non_field_errors()},
        )
    shown = interface_texts.preview(request, language, message, form.translation_forms())
    if shown is None:
        return render(
            request,
            "localization/interface_text_preview_note.html",
            {"title": no_page_shows_it()},
        )
    html = shown.html
    if not shown.shown:
        note = _(
            "The text is not visible on this page: it is in an attribute, or in a part of the "
            "page shown only in some cases."
        )
        html = re.sub(
            r"(<body\b[^>]*>)",
            rf"\1<p role=\"status\"><mark>{escape(note)}</mark></p>",
            html,
            count=1,
        )
    response = HttpResponse(html)
    if shown.content_security_policy:  # the page's own policy: its scripts' nonces match it
        response["Content-Security-Policy"] = shown.content_security_policy
    add_never_cache_headers(response)
    return response


def no_page_shows_it():
    return _(
        "No public page shows this text (it belongs to the admin, an e-mail or a text set in "
        "code): there is nothing to preview."
    )


@require_POST
def revert(request, language, digest, change_id):
    if not allowed(request, language):
        return refused(request)
    message = message_or_404(language, digest)
    change = get_object_or_404(
        InterfaceTextChange,
        pk=change_id,
        language=language,
        msgctxt=message.entry.msgctxt or "",
        msgid=message.entry.msgid,
    )
    interface_texts.revert(language, message.entry, change, request.user)
    admin_messages.success(request, _("The earlier text is restored."))
    return redirect("localization_interface_text", language=language, digest=digest)
