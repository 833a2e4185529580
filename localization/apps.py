from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "localization"
    verbose_name = _("Localisation")

    def ready(self):
        from . import admin_language  # noqa: F401  (connects the new users' admin language)
