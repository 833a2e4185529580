"""Object-level checks that wagtail-localize 1.14 leaves out.

Its submit- and update-translation views check only the site-wide "submit translation"
permission (so anyone with it could sync, and publish, every language), and its
translation editor and PO views treat snippets as editable by anyone with the model permission.
Here a translator confined to one language cannot copy another language's drafts, create pages
or snippets in a language that is not theirs, or edit that language's snippets.
"""

import contextlib
import functools

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import submit_translations, update_translations
from wagtail_localize.views.edit_translation import user_can_edit_instance

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


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": the user must be able to read the source, work in every
    language it updates, and publish each target if they ask to publish."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        if not user_can_read_source(request.user, source.get_source_instance()):
            raise PermissionDenied
        translations = source.translations.filter(enabled=True).select_related("target_locale")
        if not all(may_work_in(request.user, t.target_locale.language_code) for t in translations):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("publish_translations"):
            for translation in translations:
                with contextlib.suppress(ObjectDoesNotExist):
                    target = translation.get_target_instance()
                    if (
                        isinstance(target, Page)
                        and not target.permissions_for_user(request.user).can_publish()
                    ):
                        raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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
