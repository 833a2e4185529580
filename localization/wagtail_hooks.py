from django.urls import path
from wagtail import hooks

from localization import po_upload
from localization.slugs import give_bulgarian_page_a_latin_slug

hooks.register("before_page_clean", give_bulgarian_page_a_latin_slug)


@hooks.register("register_admin_urls")
def register_strict_po_upload():
    """Registered before wagtail-localize's own URLs (this app comes first in INSTALLED_APPS),
    so its upload URL is answered by the stricter view."""
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            po_upload.upload_pofile,
            name="localization_upload_pofile",
        )
    ]
