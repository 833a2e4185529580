"""Abstract bases and mixins shared by the page types; each mixin carries its own panels."""

from django import forms
from django.apps import apps
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.cache_tags import (
    depends_on,
    listing_tag,
    shows_snippet,
    snippet_tag,
    topic_tag,
    translations_tag,
)


class PageDefaultsHookMixin:
    """Runs the ``before_page_clean`` Wagtail hooks before a page is validated and saved, so
    that other apps can set defaults such as the slug (localization/ gives Bulgarian pages
    Latin slugs) without this app depending on them."""

    def run_before_clean_hooks(self):
        for hook in hooks.get_hooks("before_page_clean"):
            hook(self)

    def full_clean(self, *args, **kwargs):
        self.run_before_clean_hooks()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.run_before_clean_hooks()
        super().minimal_clean()


def in_active_language(objects, *related):
    """The reader's-language versions of translatable snippets, in one query. A translated page
    keeps its source's links to snippets; this swaps each for its translation (or keeps it)."""
    objects = list(objects)
    if not objects:
        return []
    translations = (
        type(objects[0])
        .objects.filter(
            translation_key__in=[obj.translation_key for obj in objects], locale=Locale.get_active()
        )
        .select_related(*related)
    )
    by_key = {obj.translation_key: obj for obj in translations}
    depends_on(*(snippet_tag(obj) for obj in objects))
    return [by_key.get(obj.translation_key, obj) for obj in objects]


def tabbed(content, details=None, related=None):
    """The editor's tabs: content, details (facts), related items, promote and settings."""
    tabs = [ObjectList(content, heading=_("Content"))]
    if details:
        tabs.append(ObjectList(details, heading=_("Details")))
    if related:
        tabs.append(ObjectList(related, heading=_("Related")))
    tabs += [
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ]
    return TabbedInterface(tabs)


class BasePage(PageDefaultsHookMixin, Page):
    """A page with an introduction and a body of blocks."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class SectionIndexPage(BasePage):
    """A section of one language (news, events) that lists its live child pages."""

    listing_model = ""  # "app.Model" of the children listed
    listing_order = ()
    listing_context_name = "items"

    content_panels = BasePage.content_panels

    search_fields = BasePage.search_fields

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_listing(self):
        model = apps.get_model(self.listing_model)
        depends_on(listing_tag(model, get_language()))
        return model.objects.child_of(self).live().public().order_by(*self.listing_order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[self.listing_context_name] = self.get_listing()
        return context


class TopicsMixin(models.Model):
    """Sectors and themes (the modeltranslation-backed Topic taxonomy)."""

    topics = ParentalManyToManyField(
        "snippets.Topic",
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Sectors and themes the page is about; readers filter listings by them."),
    )

    topic_panels = [FieldPanel("topics", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = topics = list(self.topics.all())
        depends_on(*(topic_tag(topic.pk) for topic in topics))
        return context


class FundingProjectMixin(models.Model):
    """An optional link to the EU-funded project that paid for the activity."""

    related_project = models.ForeignKey(
        "pages.ProjectFundingPage",
        verbose_name=_("funding project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "If the activity was funded by a project, choose its page: the page then shows "
            "the project's EU acknowledgement."
        ),
    )

    project_panels = [FieldPanel("related_project")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        """The project's page in the reader's language, and its EU acknowledgement."""
        context = super().get_context(request, *args, **kwargs)
        project = self.related_project.localized.specific if self.related_project_id else None
        if project is not None:
            depends_on(translations_tag(project.translation_key))
            if not project.live:
                project = None
        context["project"] = project
        context.setdefault(
            "acknowledgement", shows_snippet(project.acknowledgement) if project else None
        )
        return context
