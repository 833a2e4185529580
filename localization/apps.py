import shutil

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def msgfmt_is_installed(app_configs, **kwargs):
    """PO uploads and ``import_locale_po`` check every file with GNU msgfmt and refuse all files
    when it is missing: say so at start-up rather than at the first upload."""
    if shutil.which("msgfmt"):
        return []
    return [
        checks.Warning(
            "GNU gettext's msgfmt is not on PATH: every PO upload and import will be refused.",
            hint="Install gettext (the Dockerfile and .ci/run do).",
            id="localization.W001",
        )
    ]


class LocalizationConfig(AppConfig):
    name = "localization"
    verbose_name = _("Localisation")

    def ready(self):
        checks.register(msgfmt_is_installed)
        from django.utils.text import format_lazy

        from compat.wagtail_localize import (
            carry_language_of_parts,
            localize_translation_comment_dates,
            read_page_index_in_constant_queries,
        )
        from compat.wagtail_localize_segments import write_segments_in_bulk
        from localization.machine_translation import ENGINE_NAMES
        from localization.memory import MEMORY_TOOL_NAME
        from localization.po_upload import XLIFF_TOOL_NAME
        from pages.dates import format_day

        localize_translation_comment_dates(
            format_day,
            {
                MEMORY_TOOL_NAME: pgettext_lazy(
                    "tool in a translation's note", "translation memory"
                ),
                XLIFF_TOOL_NAME: pgettext_lazy("tool in a translation's note", "XLIFF file"),
                # Machine output stays marked as such until a translator confirms it.
                **{
                    engine: format_lazy(
                        pgettext_lazy(
                            "tool in a translation's note",
                            "{engine} (machine translation, not yet confirmed)",
                        ),
                        engine=engine,
                    )
                    for engine in ENGINE_NAMES
                },
            },
        )
        carry_language_of_parts()
        read_page_index_in_constant_queries()
        write_segments_in_bulk()
        # The media policies (localization/media_permissions.py) are registered for the exact
        # model classes, which Wagtail looks up before its own (registered for subclasses too).
        # Registering them for subclasses would not do: wagtail.images' and wagtail.documents'
        # ready() replace whatever is there, and wagtail.snippets' ready() imports every
        # wagtail_hooks.py before theirs run.
        from django.apps import apps
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, TranslatableMixin
        from wagtail.permissions import register_permission_policy

        from localization import media_permissions
        from localization.permissions import LanguagePermissionPolicy

        register_permission_policy(
            get_image_model(), media_permissions.image_permission_policy(), exact_class=True
        )
        register_permission_policy(
            get_document_model(), media_permissions.document_permission_policy(), exact_class=True
        )
        for model in apps.get_models():
            if issubclass(model, TranslatableMixin) and not issubclass(model, Page):
                register_permission_policy(model, LanguagePermissionPolicy(model), exact_class=True)
        from localization import signals

        signals.connect()
