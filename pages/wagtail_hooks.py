from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.cache_tags import MEDIA_TAG, depends_on, page_tag, reads_query, translations_tag
from pages.models import AccessibilityFeedback, ReportRequest


@hooks.register("before_serve_page")
def declare_served_page(page, request, serve_args, serve_kwargs):
    """Every page response shows its page, and may show images and documents, and depends on
    the query parameters its type reads (``query_params``) and no others (for the page and
    fragment caches)."""
    depends_on(page_tag(page.pk), MEDIA_TAG)
    reads_query(request, *getattr(page, "query_params", ()))


class DeclaredPageLinkHandler(PageLinkHandler):
    """Wagtail's internal page links in rich text, declared as what the text shows: the linked
    page's address in the reader's language (``page.localized``) changes when any language
    version of it is published, unpublished, moved or renamed (its translations tag)."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = super().get_many(attrs_list)
        depends_on(*(translations_tag(page.translation_key) for page in pages if page))
        return pages


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own (order 0)
def declare_linked_pages(features):
    features.register_link_type(DeclaredPageLinkHandler)


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


class AccessibilityFeedbackViewSet(SnippetViewSet):
    """Readers' accessibility feedback from the statement's form, kept for the cluster's staff."""

    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    menu_order = 311
    add_to_admin_menu = True
    list_display = ["email", "name", "address", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["name", "email", "address", "message"]


register_snippet(AccessibilityFeedbackViewSet)
