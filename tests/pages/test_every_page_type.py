"""Every page type through Wagtail's own page assertions, on a small bilingual site made with
wagtail-factories (tests/factories.py), not the seed site: where each may be created, that the
admin's create form saves it, and that it renders in English and in its Bulgarian translation,
its own routes (years, months, the reader forms' thank-you pages) included."""

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from pages.models import (
    AccessibilityStatementPage,
    ClusterLabelPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ProjectFundingPage,
    StandardPage,
)
from tests.factories import (
    AccessibilityStatementPageFactory,
    ClusterLabelPageFactory,
    EventPageFactory,
    NewsPageFactory,
    ProjectFundingPageFactory,
    StandardPageFactory,
    bilingual_site,
    translate,
)

SECTIONS = {
    NewsIndexPage,
    EventIndexPage,
    ClusterLabelPage,
    ProjectFundingPage,
    StandardPage,
    AccessibilityStatementPage,
}
# Translations of the factories' English texts that the pages below add to bilingual_site().
BULGARIAN = {
    "A short introduction.": "Кратко въведение.",
    "Accessibility statement": "Декларация за достъпност",
    "Cluster label": "Етикет на клъстера",
    "Cluster Management Excellence Label": "Етикет за отлично управление на клъстер",
    "Funded project": "Финансиран проект",
    "Growth of the cluster": "Растеж на клъстера",
}


class EveryPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = bilingual_site()
        bg = Locale.objects.get(language_code="bg")
        en = cls.site["en"]
        cls.pages = {
            HomePage: en["home"],
            NewsIndexPage: en["news"],
            EventIndexPage: en["events"],
            NewsPage: NewsPageFactory(parent=en["news"], title="Summit"),
            EventPage: EventPageFactory(parent=en["events"], title="Open day"),
            ClusterLabelPage: ClusterLabelPageFactory(parent=en["home"]),
            ProjectFundingPage: ProjectFundingPageFactory(parent=en["home"]),
            StandardPage: StandardPageFactory(parent=en["home"], title="About us"),
            AccessibilityStatementPage: AccessibilityStatementPageFactory(parent=en["home"]),
        }
        strings = {**BULGARIAN, "Summit": "Среща", "Open day": "Ден на отворените врати"}
        strings["About us"] = "За нас"
        # A page's translatable snippets are translated before it (wagtail-localize needs them).
        translate(cls.pages[ProjectFundingPage].programme, bg, strings)
        cls.translations = {model: cls.site["bg"].get(page_name(model)) for model in cls.pages}
        for model, page in cls.pages.items():
            if cls.translations[model] is None:
                cls.translations[model] = translate(page, bg, strings).specific
        cls.editor = get_user_model().objects.create_superuser("page-types", "p@example.org", "pw")

    def test_where_each_page_type_may_be_created(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(ClusterLabelPage, {HomePage})
        self.assertAllowedParentPageTypes(ProjectFundingPage, {HomePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        for leaf in (
            NewsPage,
            EventPage,
            ClusterLabelPage,
            ProjectFundingPage,
            AccessibilityStatementPage,
        ):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_no_page_type_is_created_where_it_does_not_belong(self):
        for section in SECTIONS:
            self.assertCanCreateAt(HomePage, section)
            self.assertCanNotCreateAt(Page, section)
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanNotCreateAt(EventIndexPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_every_page_type_renders_in_english_and_in_its_bulgarian_translation(self):
        for model, page in self.pages.items():
            translation = self.translations[model]
            assert translation.locale.language_code == "bg"
            assert translation.translation_key == page.translation_key
            self.assertPageIsRenderable(page)
            self.assertPageIsRenderable(translation)

    def test_the_routes_of_the_listings_and_the_label_render(self):
        for page in (self.pages[NewsIndexPage], self.translations[NewsIndexPage]):
            self.assertPageIsRenderable(page, route_path="2026/")
            self.assertPageIsRenderable(page, route_path="2026/11/")
        self.assertPageIsRenderable(self.pages[EventIndexPage], route_path="2025/")
        self.assertPageIsRenderable(self.translations[EventIndexPage], route_path="2025/")
        self.assertPageIsRenderable(self.pages[ClusterLabelPage], route_path="thanks/")
        self.assertPageIsRenderable(self.pages[AccessibilityStatementPage], route_path="thanks/")

    def test_the_create_form_saves_a_standard_page_under_home_and_under_itself(self):
        data = nested_form_data(
            {
                "title": "Membership",
                "slug": "membership",
                "intro": "How to join.",
                "body": streamfield([("paragraph", rich_text("<p>Write to us.</p>"))]),
                "comments": inline_formset([]),
            }
        )
        self.client.force_login(self.editor)
        self.assertCanCreate(self.pages[HomePage], StandardPage, data)
        self.assertCanCreate(self.pages[StandardPage], StandardPage, data)


def page_name(model):
    """The name under which bilingual_site() returns a page of ``model``, if it makes one."""
    return {HomePage: "home", NewsIndexPage: "news", EventIndexPage: "events"}.get(model)


class SectionCreateFormTests(WagtailPageTestCase):
    """The admin's create form saves each section that may exist once under a home page (its
    existing one removed first: ``max_count_per_parent``)."""

    @classmethod
    def setUpTestData(cls):
        cls.site = bilingual_site()
        cls.home = cls.site["en"]["home"]
        AccessibilityStatementPageFactory(parent=cls.home)
        cls.editor = get_user_model().objects.create_superuser("sections", "s@example.org", "pw")

    def create(self, model, **fields):
        for existing in model.objects.child_of(self.home):
            existing.delete()
        data = nested_form_data(
            {
                "title": model._meta.verbose_name.capitalize(),
                "slug": f"new-{model._meta.model_name}",
                "intro": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
                **fields,
            }
        )
        self.client.force_login(self.editor)
        self.assertCanCreate(self.home, model, data)

    def test_the_create_form_saves_a_news_and_an_events_section(self):
        self.create(NewsIndexPage)
        self.create(EventIndexPage)

    def test_the_create_form_saves_an_accessibility_statement(self):
        self.create(
            AccessibilityStatementPage,
            compliance=AccessibilityStatementPage.Compliance.PARTIAL,
            non_accessible_content="PDF documents have not been checked.",
            method=AccessibilityStatementPage.Method.SELF,
            prepared_on="2026-11-30",
            reviewed_on="2026-11-30",
            enforcement="The Ministry of e-Government.",
            feedback_email="",
        )
