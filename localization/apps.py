import shutil

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


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
