"""Editor panels: what the EU publicity rules need and a funded project page lacks."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from pages.eu_publicity import eu_statement, missing_for_publicity


class EUPublicityPanel(Panel):
    """At the top of a funded project's editor: a warning naming what the rules need and the
    page lacks (aims, results, code, fund, programme), else the statement readers will see."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("EU publicity"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/panels/eu_publicity_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = ", ".join(missing_for_publicity(self.instance))
            if not context["missing"]:
                context["statement"] = eu_statement(self.instance)
            return context
