from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models import ReportRequest


class ReportRequestViewSet(SnippetViewSet):
    """Readers' requests for the label's benchmarking report, kept for the cluster's staff."""

    model = ReportRequest
    icon = "mail"
    menu_label = _("Report requests")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "organisation", "email", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["name", "organisation", "email"]


register_snippet(ReportRequestViewSet)
