"""Object-level checks that wagtail-localize 1.14 leaves out.

Its submit- and update-translation views check only the site-wide "submit translation"
permission (so anyone with it could sync, and publish, every language), its convert-to-alias
view only the right to edit (so anyone who could edit a translation could replace it, live, with
the source's text), its snippets API lists any registered snippet to any admin user, and its
translation editor and PO views treat snippets as editable by anyone with the model permission.
Here a translator confined to one language cannot copy another language's drafts, create pages
or snippets in a language that is not theirs, or edit that language's snippets; whatever makes
content live needs the right to publish it.
"""

import functools

import requests
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.signals import page_published, page_unpublished
from wagtail.utils.version import get_main_version
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, snippets_api, submit_translations, update_translations
from wagtail_localize.views.edit_translation import user_can_edit_instance

from localization.machine_translation import engine_failure, sync_refusal
from localization.roles import confined_languages


def may_work_in(user, language_code: str) -> bool:
    languages = confined_languages(user)
    return languages is None or language_code in languages


def user_can_edit(user, instance) -> bool:
    """wagtail-localize's check plus the translator's language."""
    return user_can_edit_instance(user, instance) and may_work_in(
        user, instance.locale.language_code
    )


def user_can_read_source(user, instance) -> bool:
    """What a translation copies must be something the user may read: a page they can edit,
    or a live page (whose copied content is public); snippets here have no drafts."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit() or instance.live
    if isinstance(instance, DraftStateMixin):
        return user_can_edit(user, instance) or instance.live
    return True


def may_submit_translation(user, source, locales) -> bool:
    """Whether ``user`` may translate ``source`` into ``locales``: what the submit views check,
    and what a background task checks again before it works on the user's behalf."""
    return (
        user is not None
        and user.is_active
        and user.has_perms(["wagtail_localize.submit_translation"])
        and user_can_read_source(user, source)
        and all(may_work_in(user, locale.language_code) for locale in locales)
    )


class ObjectPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        source = self.get_object()
        chosen = []
        if request.method == "POST":
            chosen = Locale.objects.filter(pk__in=request.POST.getlist("locales"))
        if not may_submit_translation(request.user, source, chosen):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmitPageTranslationView(
    ObjectPermissionMixin, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    ObjectPermissionMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


def nearest_translated_ancestor(page, locale):
    """Where a missing translation of ``page`` into ``locale`` is created: under its parent's
    translation or, as wagtail-localize copies missing parents, the nearest ancestor that has
    one (None when no ancestor is translated)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).order_by("-depth"):
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return None


def may_publish_translation(user, source_instance, locale) -> bool:
    """Whether ``user`` may publish the translation of ``source_instance`` into ``locale``, as
    a sync with "publish" does: an existing page needs the right to publish it; a missing one
    (deleted, or never saved), which the sync creates live, the right to publish under its
    translated parent. Snippets here have no drafts: saving them is what the user may already
    do."""
    if not isinstance(source_instance, Page):
        return True
    try:
        target = source_instance.get_translation(locale)
    except ObjectDoesNotExist:
        parent = nearest_translated_ancestor(source_instance, locale)
        return parent is not None and parent.permissions_for_user(user).can_publish_subpage()
    return target.permissions_for_user(user).can_publish()


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": the user must be able to read the source, work in every
    language it updates, and publish each target (or, for a missing target, publish where it
    is created) if they ask to publish."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        source_instance = source.get_source_instance()
        if not user_can_read_source(request.user, source_instance):
            raise PermissionDenied
        translations = source.translations.filter(enabled=True).select_related("target_locale")
        if not all(may_work_in(request.user, t.target_locale.language_code) for t in translations):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("publish_translations"):
            for translation in translations:
                if not may_publish_translation(
                    request.user, source_instance, translation.target_locale
                ):
                    raise PermissionDenied
        if reason := sync_refusal(request):  # machine output is never published unseen
            messages.error(request, reason)
            return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        """Upstream's sync (in one transaction), reporting a failing machine translator instead
        of answering 500: nothing is synced then."""
        try:
            return super().form_valid(form)
        except requests.RequestException:
            messages.error(self.request, engine_failure())
            return redirect(self.request.get_full_path())

    def get_context_data(self, **kwargs):
        """Upstream's context (wagtail-localize 1.14.5), except that a translation whose target
        does not exist is listed as one to be created instead of failing with a 500."""
        context = super(update_translations.UpdateTranslationsView, self).get_context_data(**kwargs)
        translations = self.object.translations.filter(enabled=True).select_related("target_locale")
        context.update(
            {
                "translations": [self.describe_target(t) for t in translations],
                "last_sync_date": self.object.last_updated_at,
                "form": self.get_form(),
                "next_url": self.get_success_url(),
                "back_url": self.get_success_url() or self.get_default_success_url(),
                "components": self.components,
                "wagtail_version": get_main_version(),
            }
        )
        return context

    def describe_target(self, translation):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            title = _("%(title)s (to be created)") % {"title": self.object.object_repr}
            return {"title": title, "locale": translation.target_locale, "edit_url": None}
        return {
            "title": str(target),
            "locale": translation.target_locale,
            "edit_url": self.get_edit_url(target),
        }


def may_publish(user, page) -> bool:
    """Making ``page`` live (or replacing what is live) without moderation: the right to publish
    it; a translator confined to a language never publishes."""
    return confined_languages(user) is None and page.permissions_for_user(user).can_publish()


def convert_to_alias(request, page_id):
    """wagtail-localize's "convert to alias" replaces a translation, live at once, with the
    source's content: it needs the right to publish the page (its own check is the right to
    edit), and caches forget the page as after a publish (it signals only a draft that became
    live; a live translation replaced, or one taken offline because the source is a draft, was
    left cached)."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not may_publish(request.user, page):
        raise PermissionDenied
    was_live = page.live
    response = convert.convert_to_alias(request, page_id)
    alias = Page.objects.get(pk=page_id).specific
    if request.method == "POST" and alias.alias_of_id and was_live:
        if alias.live:
            page_published.send(
                sender=alias.specific_class,
                instance=alias,
                revision=alias.alias_of.get_latest_revision(),
                alias=True,
            )
        else:
            page_unpublished.send(sender=alias.specific_class, instance=alias)
    return response


class SnippetsApiViewSet(snippets_api.SnippetViewSet):
    """The translation editor's snippet API (it shows the snippet chosen for a field): only
    translatable models, and only to users who may view or change that model."""

    def get_model(self):
        model = super().get_model()
        if not issubclass(model, TranslatableMixin):
            raise Http404
        policy = ModelPermissionPolicy(model)
        if not policy.user_has_any_permission(self.request.user, ["view", "change"]):
            raise PermissionDenied
        return model


def in_translators_language(view):
    """Wrap a wagtail-localize view taking ``translation_id``: a confined translator may only
    work on translations into their own language (its own check is the model permission only,
    so for snippets any language)."""

    @functools.wraps(view)
    def checked(request, *args, translation_id, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        if not may_work_in(request.user, translation.target_locale.language_code):
            raise PermissionDenied
        return view(request, *args, translation_id=translation_id, **kwargs)

    return checked


class LanguagePermissionPolicy(ModelPermissionPolicy):
    """The model permissions of a translatable snippet, and for one item (or an unsaved one
    with its locale set, as a listing's "add" link has) the language it is in: a translator
    confined to a language has no permission on the other language's items, so Wagtail's
    listings and views offer them no link there."""

    def user_has_permission_for_instance(self, user, action, instance):
        if instance.locale_id is not None and not may_work_in(user, instance.locale.language_code):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def check_snippet_language(request, instance):
    """``before_edit_snippet``/``before_delete_snippet`` hook body."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for item in instances:
        locale = getattr(item, "locale", None)
        if locale is not None and not may_work_in(request.user, locale.language_code):
            raise PermissionDenied


def check_new_snippet_language(request, model):
    """``before_create_snippet`` hook body: a confined translator creates only in their language."""
    if not hasattr(model, "locale"):
        return
    code = request.GET.get("locale") or request.POST.get("locale")
    languages = confined_languages(request.user)
    if languages is not None and (code or Locale.get_default().language_code) not in languages:
        raise PermissionDenied
