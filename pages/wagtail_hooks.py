from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from caching import MEDIA_TAG, depends_on, page_tag, reads_query, translations_tag
from pages.blocks import LANGUAGE_FEATURES
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


LANGUAGE_FEATURE_LABELS = {
    "en": ("EN", _("Language: English")),
    "bg": ("БГ", _("Language: Bulgarian")),
}


@hooks.register("register_rich_text_features")
def register_language_of_parts(features):
    """ "Language: English" / "Language: Bulgarian" (WCAG 3.1.2, language of parts): a Draftail
    inline style stored as ``<span lang="en">`` / ``<span lang="bg">``, for a passage in the
    other language (a programme's English name on a Bulgarian page)."""
    for feature, code in LANGUAGE_FEATURES.items():
        style = f"LANG_{code.upper()}"
        label, description = LANGUAGE_FEATURE_LABELS[code]
        features.register_editor_plugin(
            "draftail",
            feature,
            InlineStyleFeature({"type": style, "label": label, "description": description}),
        )
        features.register_converter_rule(
            "contentstate",
            feature,
            {
                "from_database_format": {f'span[lang="{code}"]': InlineStyleElementHandler(style)},
                "to_database_format": {
                    "style_map": {style: {"element": "span", "props": {"lang": code}}}
                },
            },
        )


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
