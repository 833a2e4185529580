from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.cache_tags import MEDIA_TAG, depends_on, page_tag, reads_query
from pages.models import ReportRequest


@hooks.register("before_serve_page")
def declare_served_page(page, request, serve_args, serve_kwargs):
    """Every page response shows its page, and may show images and documents, and depends on
    the query parameters its type reads (``query_params``) and no others (for the page and
    fragment caches)."""
    depends_on(page_tag(page.pk), MEDIA_TAG)
    reads_query(request, *getattr(page, "query_params", ()))


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
