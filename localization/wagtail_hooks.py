"""Registered before wagtail-localize's own hooks and URLs (this app comes first in
INSTALLED_APPS), so these stricter views answer the same addresses."""

from django.urls import path
from wagtail import hooks

from localization import permissions, po_upload
from localization.slugs import give_bulgarian_page_a_latin_slug
from localization.synced_topics import copy_topics_from_source

hooks.register("before_page_clean", give_bulgarian_page_a_latin_slug)
hooks.register("before_page_clean", copy_topics_from_source)
hooks.register("before_edit_snippet", permissions.check_snippet_language)
hooks.register("before_delete_snippet", permissions.check_snippet_language)
hooks.register("before_create_snippet", permissions.check_new_snippet_language)


@hooks.register("register_admin_urls")
def register_stricter_translation_views():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            permissions.SubmitPageTranslationView.as_view(),
            name="localization_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            permissions.SubmitSnippetTranslationView.as_view(),
            name="localization_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            po_upload.download_pofile,
            name="localization_download_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            po_upload.upload_pofile,
            name="localization_upload_pofile",
        ),
    ]
