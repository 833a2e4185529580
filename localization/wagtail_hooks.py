"""Registered before wagtail-localize's own hooks and URLs (this app comes first in
INSTALLED_APPS), so these stricter views answer the same addresses (``compat.shadow``:
compat/wagtail_localize.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_localize.views import edit_translation

from compat import wagtail_localize as compat
from localization import (
    badges,
    glossary_admin,
    interface_text_views,
    interface_texts,
    job_actions,
    machine_translation,
    memory_views,
    permissions,
    po_upload,
    review,
    views,
    xliff,
)
from localization.quality import content_checker, editor, publishing
from localization.slugs import give_bulgarian_page_a_latin_slug
from localization.synced_topics import copy_topics_from_source

register_snippet(glossary_admin.GlossaryTermViewSet)
hooks.register("before_page_clean", give_bulgarian_page_a_latin_slug)
hooks.register("before_page_clean", copy_topics_from_source)
hooks.register("before_edit_snippet", permissions.check_snippet_language)
hooks.register("before_delete_snippet", permissions.check_snippet_language)
hooks.register("before_create_snippet", permissions.check_new_snippet_language)
hooks.register("register_log_actions", review.register_log_actions)
hooks.register("construct_page_listing_buttons", badges.add_listing_badges)
hooks.register("register_page_header_buttons", badges.add_header_badges)
hooks.register("register_log_actions", publishing.register_log_actions)
hooks.register("before_edit_page", publishing.refuse_publishing_from_editor)
hooks.register("before_edit_snippet", publishing.refuse_publishing_from_editor)
hooks.register("construct_wagtail_userbar", content_checker.use_language_checks)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("localization_translation_status"),
        icon_name="site",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_subtree_translations_menu_item():
    return MenuItem(
        _("Subtree translations"),
        reverse("localization_translation_jobs"),
        icon_name="site",
        order=710,
    )


class InterfaceTextsMenuItem(MenuItem):
    """Shown to those who may edit the interface texts of some language."""

    def is_shown(self, request):
        return bool(interface_texts.languages_for(request.user))


@hooks.register("register_settings_menu_item")
def register_interface_texts_menu_item():
    return InterfaceTextsMenuItem(
        _("Interface texts"),
        reverse("localization_interface_texts_index"),
        icon_name="doc-full",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_translation_progress_panel(request, panels):
    panels.append(views.TranslationProgressPanel())


@hooks.register("construct_homepage_panels")
def add_changes_requested_panel(request, panels):
    panels.append(review.ChangesRequestedPanel())


TRANSLATION_ID = "translate/<int:translation_id>"
TRANSLATION_EDITOR_VIEWS = [
    (f"{TRANSLATION_ID}/strings/<int:string_segment_id>/edit/", "edit_string_translation"),
    (f"{TRANSLATION_ID}/overrides/<int:overridable_segment_id>/edit/", "edit_override"),
    (f"{TRANSLATION_ID}/machine_translate/", "machine_translate"),
    (f"{TRANSLATION_ID}/preview/", "preview_translation"),
    (f"{TRANSLATION_ID}/preview/<str:mode>/", "preview_translation"),
    (f"{TRANSLATION_ID}/disable/", "stop_translation"),
]


def stricter_editor_view(name):
    """wagtail-localize's view ``name`` in the translator's language only, refused while locked;
    saving a string answers with its findings (localization/quality/editor.py)."""
    view = permissions.in_translators_language(review.unless_locked(edit_translation, name))
    if name == "machine_translate":
        return machine_translation.reporting_engine_errors(view)
    return editor.with_findings(view) if name == "edit_string_translation" else view


@hooks.register("register_admin_urls")
def register_stricter_translation_views():
    language_checked = [
        compat.shadow(route, stricter_editor_view(name), name=f"localization_{name}")
        for route, name in TRANSLATION_EDITOR_VIEWS
    ]
    return [
        *language_checked,
        path(
            f"localize/{TRANSLATION_ID}/submit-for-review/",
            permissions.in_translators_language(review.submit_for_review),
            name="localization_submit_for_review",
        ),
        path(
            f"localize/{TRANSLATION_ID}/override-errors/",
            permissions.in_translators_language(publishing.override_errors),
            name="localization_override_translation_errors",
        ),
        path(
            f"localize/{TRANSLATION_ID}/sync/",
            permissions.in_translators_language(review.sync_translation),
            name="localization_sync_translation",
        ),
        path(
            "glossary/tbx/import/",
            glossary_admin.import_glossary,
            name="localization_glossary_import",
        ),
        path(
            "glossary/tbx/export/",
            glossary_admin.export_glossary,
            name="localization_glossary_export",
        ),
        path(
            "interface-texts/",
            interface_text_views.index,
            name="localization_interface_texts_index",
        ),
        path(
            "interface-texts/<str:language>/",
            interface_text_views.listing,
            name="localization_interface_texts",
        ),
        path(
            "interface-texts/<str:language>/<str:digest>/",
            interface_text_views.edit,
            name="localization_interface_text",
        ),
        path(
            "interface-texts/<str:language>/<str:digest>/preview/",
            interface_text_views.preview,
            name="localization_interface_text_preview",
        ),
        path(
            "interface-texts/<str:language>/<str:digest>/revert/<int:change_id>/",
            interface_text_views.revert,
            name="localization_interface_text_revert",
        ),
        path(
            "translation-status/",
            views.TranslationStatusView.as_view(),
            name="localization_translation_status",
        ),
        path(
            "translation-jobs/",
            views.SubtreeTranslationJobsView.as_view(),
            name="localization_translation_jobs",
        ),
        path(
            "translation-jobs/<int:job_id>/memory/apply-exact/",
            job_actions.apply_memory_to_job,
            name="localization_apply_memory_to_job",
        ),
        path(
            "translation-jobs/<int:job_id>/xliff/download/",
            job_actions.download_job_xliff,
            name="localization_download_job_xliff",
        ),
        path(
            "translation-jobs/<int:job_id>/xliff/upload/",
            job_actions.upload_job_xliff,
            name="localization_upload_job_xliff",
        ),
        compat.shadow(
            "submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="localization_submit_page_translation",
        ),
        compat.shadow(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            permissions.SubmitSnippetTranslationView.as_view(),
            name="localization_submit_snippet_translation",
        ),
        compat.shadow(
            "update/<int:translation_source_id>/",
            publishing.UpdateTranslationsView.as_view(),
            name="localization_update_translations",
        ),
        compat.shadow(
            "page/<int:page_id>/convert_to_alias/",
            permissions.convert_to_alias,
            name="localization_convert_to_alias",
        ),
        compat.shadow(
            "api/snippets/<slug:app_label>/<slug:model_name>/",
            permissions.SnippetsApiViewSet.as_view({"get": "list"}),
            name="localization_snippets_api_listing",
        ),
        compat.shadow(
            "api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            permissions.SnippetsApiViewSet.as_view({"get": "retrieve"}),
            name="localization_snippets_api_detail",
        ),
        compat.shadow(
            "translate/<int:translation_id>/pofile/download/",
            po_upload.download_pofile,
            name="localization_download_pofile",
        ),
        compat.shadow(
            "translate/<int:translation_id>/pofile/upload/",
            review.refuse_while_locked(po_upload.upload_pofile),
            name="localization_upload_pofile",
        ),
        path(
            f"localize/{TRANSLATION_ID}/xliff/download/",
            xliff.download_xliff,
            name="localization_download_xliff",
        ),
        path(
            f"localize/{TRANSLATION_ID}/xliff/upload/",
            review.refuse_while_locked(xliff.upload_xliff),
            name="localization_upload_xliff",
        ),
        path(
            f"localize/{TRANSLATION_ID}/memory/apply-exact/",
            permissions.in_translators_language(memory_views.apply_memory_matches),
            name="localization_apply_memory_matches",
        ),
    ]
