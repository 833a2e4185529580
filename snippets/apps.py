from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnippetsConfig(AppConfig):
    name = "snippets"
    verbose_name = _("Snippets")

    def ready(self):
        from snippets import signals

        signals.connect()
