"""Abstract bases and mixins shared by the page types; each mixin carries its own panels."""

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.functional import SimpleLazyObject, classproperty
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from caching import (
    depends_on,
    listing_tag,
    page_tag,
    shows_snippet,
    shows_snippets_through,
    snippet_tag,
    topic_tag,
    translations_tag,
)
from caching.routing import ViewRestrictionsMixin, public
from pages.blocks import BodyBlock


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


def in_active_language(links, field, *related):
    """The snippets that a page's orderable ``links`` point to through ``field``, each in the
    reader's language where it is translated (a translated page keeps its source's links), in
    the links' order, in one query."""
    language = get_language()
    if not isinstance(links, models.QuerySet):  # a preview: the links are not saved yet
        linked = [getattr(link, field) for link in links]
        keys = [obj.translation_key for obj in linked]
        model = type(linked[0]) if linked else None
        versions = model.objects.filter(translation_key__in=keys) if model else []
    else:
        model = links.model._meta.get_field(field).related_model
        link_order = links.filter(**{f"{field}__translation_key": OuterRef("translation_key")})
        versions = (
            model.objects.filter(translation_key__in=links.values(f"{field}__translation_key"))
            .annotate(link_order=Subquery(link_order.values("sort_order")[:1]))
            .order_by("link_order", "pk")
        )
        linked = None
    chosen = {}
    for version in versions.select_related("locale", *related) if model else []:
        key = version.translation_key
        if key not in chosen or version.locale.language_code == language:
            chosen[key] = version
    if linked is not None:  # keep the order (and the linked version when untranslated)
        chosen = {obj.translation_key: chosen.get(obj.translation_key, obj) for obj in linked}
    depends_on(*(snippet_tag(obj) for obj in chosen.values()))
    for obj in chosen.values():  # and what they show of their own (a person's organisation)
        shows_snippets_through(obj, related)
    return list(chosen.values())


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


class BasePage(ViewRestrictionsMixin, PageDefaultsHookMixin, Page):
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

    @classproperty
    def base_form_class(cls):
        """The editor's form: no silent overwrite of a newer version. Imported when Wagtail asks
        for it, as pages.forms imports the models (the readers' forms are model forms)."""
        from pages.forms import ConflictCheckedPageForm

        return ConflictCheckedPageForm


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
        return public(model.objects.child_of(self).live()).order_by(*self.listing_order)

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
        # Context values are computed lazily, when a template first uses them: inside a cached
        # fragment ({% taggedcache %}) their queries do not run at all.
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = SimpleLazyObject(self.shown_topics)
        return context

    def shown_topics(self):
        topics = list(self.topics.all())
        depends_on(*(topic_tag(topic.pk) for topic in topics))
        return topics


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
            "the EU emblem and the project's EU statement."
        ),
    )

    project_panels = [FieldPanel("related_project")]

    class Meta:
        abstract = True

    def get_related_project(self):
        """The live project page in the reader's language, else in the language linked, in one
        query (a translation keeps its source's link, so match by translation key)."""
        if not self.related_project_id:
            return None
        linked = Page.objects.filter(pk=self.related_project_id)
        versions = public(
            apps.get_model("pages.ProjectFundingPage")
            .objects.live()
            .filter(translation_key__in=linked.values("translation_key"))
        ).select_related("locale", "programme")
        by_language = {version.locale.language_code: version for version in versions}
        if by_language:
            depends_on(translations_tag(next(iter(by_language.values())).translation_key))
        else:
            depends_on(translations_tag(linked.values_list("translation_key", flat=True).first()))
        project = by_language.get(get_language()) or next(
            (version for version in versions if version.pk == self.related_project_id), None
        )
        if project is not None:  # its statement is shown: its facts and programme
            depends_on(page_tag(project.pk))
            shows_snippet(project.programme)
        return project

    def get_context(self, request, *args, **kwargs):
        """The project's page in the reader's language (its EU statement is shown)."""
        context = super().get_context(request, *args, **kwargs)
        context["project"] = SimpleLazyObject(self.get_related_project)
        return context
