"""wagtail-factories for every page type and snippet, and a bilingual site made with them.

A factory makes the smallest valid object; pass what a test cares about:
``NewsPageFactory(parent=news_index, title="Summit")``. ``bilingual_site()`` builds an English
home, news and events sections, and translates each into Bulgarian through wagtail-localize as
an editor and a translator would."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import HomePage
from pages.models import (
    AccessibilityStatementPage,
    ClusterLabelPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NewsPageOrganisation,
    NewsPagePerson,
    ProjectFundingPage,
    StandardPage,
)
from snippets.models import EUAcknowledgement, FundingProgramme, Organisation, Person, Topic


def english():
    return Locale.objects.get(language_code="en")


class PageFactory(wagtail_factories.PageFactory):
    """A page in English (the locale of new pages here is the site's default, Bulgarian)."""

    locale = factory.LazyFunction(english)
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slugify(page.title)}-{n}")

    class Meta:
        abstract = True


class HomePageFactory(PageFactory):
    title = "Sofia Knowledge City"
    intro = "A technology cluster."

    class Meta:
        model = HomePage


class NewsIndexPageFactory(PageFactory):
    title = "News"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    date = datetime.date(2026, 11, 20)
    intro = "A short introduction."

    class Meta:
        model = NewsPage


class EventIndexPageFactory(PageFactory):
    title = "Events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    start_date = datetime.date(2025, 5, 14)  # a past event: in its year's archive

    class Meta:
        model = EventPage


class ClusterLabelPageFactory(PageFactory):
    title = "Cluster label"
    label_name = "Cluster Management Excellence Label"
    level = ClusterLabelPage.Level.choices[0][0]
    awarded_on = datetime.date(2025, 6, 1)

    class Meta:
        model = ClusterLabelPage


class ProjectFundingPageFactory(PageFactory):
    title = "Funded project"
    project_title = "Growth of the cluster"
    project_number = "BG16RFOP002-0.001"
    programme = factory.SubFactory("tests.factories.FundingProgrammeFactory")
    fund = "erdf"
    aims = "To grow the cluster."
    results = "A grown cluster."

    class Meta:
        model = ProjectFundingPage


class AccessibilityStatementPageFactory(PageFactory):
    title = "Accessibility statement"
    compliance = AccessibilityStatementPage.Compliance.PARTIAL
    non_accessible_content = "Some older documents are scanned images."
    method = AccessibilityStatementPage.Method.SELF
    prepared_on = datetime.date(2026, 11, 30)
    reviewed_on = datetime.date(2026, 11, 30)
    enforcement = "Write to the ombudsman."

    class Meta:
        model = AccessibilityStatementPage


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")

    class Meta:
        model = StandardPage


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))

    class Meta:
        model = Topic


class SnippetFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(english)

    class Meta:
        abstract = True


class OrganisationFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Member company {n}")

    class Meta:
        model = Organisation


class PersonFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Person


class FundingProgrammeFactory(SnippetFactory):
    name = "Innovation and Competitiveness"

    class Meta:
        model = FundingProgramme


class EUAcknowledgementFactory(SnippetFactory):
    title = "Funded by the European Union"
    statement = "This project is co-funded by the European Union."

    class Meta:
        model = EUAcknowledgement


def translate(instance, locale, strings):
    """Translate ``instance`` into ``locale`` as wagtail-localize's editor does: submit it for
    translation (a TranslationSource and a Translation), enter a translation for every string
    segment (``strings`` maps source text to translated text; a page's slug is a segment too,
    kept unless given), then publish the translation (``save_target``). The translated object.

    wagtail-localize publishes a page's translation when the transaction commits, which a test's
    transaction never does: the revision it saved is published here instead."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale, enabled=True)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=strings.get(segment.string.data, segment.string.data),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    has_drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(publish=not has_drafts)
    translated = source.get_translated_instance(locale)
    if has_drafts:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated


BULGARIAN = {
    "Sofia Knowledge City": "София – град на знанието",
    "A technology cluster.": "Технологичен клъстер.",
    "News": "Новини",
    "Events": "Събития",
}


def bilingual_site():
    """An English home with news and events sections, each translated into Bulgarian, made the
    default site's root for this test (rolled back with the test's transaction). The pages in
    both languages, by language and then name ("home", "news", "events")."""
    bg = Locale.objects.get(language_code="bg")
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    news = NewsIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    site = Site.objects.get(is_default_site=True)
    pages = {"en": {"home": home, "news": news, "events": events}, "bg": {}}
    for name, page in pages["en"].items():
        pages["bg"][name] = translate(page, bg, BULGARIAN).specific
    # The site's root is its home in the default language; its other languages are its
    # translations (wagtail-localize and i18n_patterns give each its /bg/ or /en/ prefix).
    site.root_page = pages["bg"]["home"]
    site.save()
    return pages


def base_news_sections():
    """A news section under each home page of the test database's base site (tests/conftest.py:
    the pages the roles' permissions are given on), made in Bulgarian and translated into
    English. By language."""
    bg, en = Locale.objects.get(language_code="bg"), english()
    index = NewsIndexPageFactory(parent=HomePage.objects.get(locale=bg), locale=bg, title="Новини")
    return {"bg": index, "en": translate(index, en, {"Новини": "News"}).specific}


EVERY_TYPE_BULGARIAN = {
    "Member company": "Фирма член",
    "Label issuer": "Издател на знака",
    "Innovation and Competitiveness": "Иновации и конкурентоспособност",
    "Funded project": "Финансиран проект",
    "Growth of the cluster": "Растеж на клъстера",
    "To grow the cluster.": "Да развие клъстера.",
    "A grown cluster.": "Развит клъстер.",
    "Meeting at the 16 + 1 summit": "Среща по време на срещата на върха „16 + 1“",
    "The cluster receives its label": "Клъстерът получи своя етикет",
    "Welcome to the new members": "Добре дошли на новите членове",
    "A short introduction.": "Кратко въведение.",
    "Smart City Summit in Taipei": "Smart City Summit в Тайпе",
    "Ecocity Summit in London": "Ecocity в Лондон",
    "Cluster label": "Знак за клъстер",
    "About us": "За нас",
    "Accessibility statement": "Декларация за достъпност",
    "Some older documents are scanned images.": "Някои по-стари документи са сканирани.",
    "Write to the ombudsman.": "Пишете на омбудсмана.",
}


def site_with_every_page_type():
    """``bilingual_site()`` with a page of every type and the snippets they show, each in
    English translated into Bulgarian: two organisations (a member, a label issuer), a person,
    a funding programme; a funded project, a cluster label, a standard page and an accessibility
    statement under home; news items in July 2018 (with organisations and people), 2019 (about
    the project) and 2017 (an announcement), and events in 2023 (one over several days, with an
    organiser and the project) and 2019 (known by its month), with topics "smart-cities" and
    "climate-change" (both languages); the sections under home are in the menu. The pages as
    ``bilingual_site()`` gives them, with the new ones by name: "funding", "label", "standard",
    "statement", "news_people", "news_label", "announcement", "event", "month_event"; the
    snippets under "snippets"."""
    bg = Locale.objects.get(language_code="bg")
    pages = bilingual_site()
    en = pages["en"]
    topics = {
        "smart-cities": TopicFactory(
            slug="smart-cities", name_en="Smart cities", name_bg="Умни градове"
        ),
        "climate-change": TopicFactory(
            slug="climate-change", name_en="Climate change", name_bg="Климатични промени"
        ),
    }
    member = OrganisationFactory(name="Member company")
    issuer = OrganisationFactory(name="Label issuer", kind=Organisation.Kind.ISSUER)
    person = PersonFactory(organisation=member)
    programme = FundingProgrammeFactory()
    snippets = {"topics": topics, "member": member, "issuer": issuer, "person": person}
    for name in ("member", "issuer", "person"):
        translate(snippets[name], bg, EVERY_TYPE_BULGARIAN)
    translate(programme, bg, EVERY_TYPE_BULGARIAN)
    snippets["programme"] = programme
    en["funding"] = ProjectFundingPageFactory(parent=en["home"], programme=programme)
    en["label"] = ClusterLabelPageFactory(
        parent=en["home"], issuer=issuer, certificate_number="BGR011201812C181103"
    )
    en["standard"] = StandardPageFactory(parent=en["home"], title="About us")
    en["statement"] = AccessibilityStatementPageFactory(parent=en["home"])
    en["news_people"] = NewsPageFactory(
        parent=en["news"], title="Meeting at the 16 + 1 summit", date=datetime.date(2018, 7, 6)
    )
    NewsPageOrganisation.objects.create(page=en["news_people"], organisation=member)
    NewsPageOrganisation.objects.create(page=en["news_people"], organisation=issuer)
    NewsPagePerson.objects.create(page=en["news_people"], person=person)
    en["news_label"] = NewsPageFactory(
        parent=en["news"],
        title="The cluster receives its label",
        date=datetime.date(2019, 2, 21),
        related_project=en["funding"],
    )
    en["announcement"] = NewsPageFactory(
        parent=en["news"],
        title="Welcome to the new members",
        date=datetime.date(2017, 3, 1),
        kind=NewsPage.Kind.ANNOUNCEMENT,
    )
    en["event"] = EventPageFactory(
        parent=en["events"],
        title="Smart City Summit in Taipei",
        start_date=datetime.date(2023, 3, 28),
        end_date=datetime.date(2023, 4, 1),
        organiser=member,
        related_project=en["funding"],
    )
    en["month_event"] = EventPageFactory(
        parent=en["events"],
        title="Ecocity Summit in London",
        start_date=datetime.date(2019, 6, 1),
        date_precision="month",
    )
    page_topics = {
        "news_people": ["smart-cities"],
        "news_label": ["smart-cities", "climate-change"],
        "announcement": ["climate-change"],
        "event": ["smart-cities"],
        "month_event": ["climate-change"],
    }
    for name in ("funding", "label", "standard", "statement", *page_topics):
        page = en[name]
        if name in page_topics:
            page.topics.set([topics[slug] for slug in page_topics[name]])
            page.save_revision().publish()
        pages["bg"][name] = translate(page, bg, EVERY_TYPE_BULGARIAN).specific
    for name, slugs in page_topics.items():
        for language in ("en", "bg"):
            page = pages[language][name] = pages[language][name].specific_class.objects.get(
                pk=pages[language][name].pk
            )
            if sorted(t.slug for t in page.topics.all()) != sorted(slugs):
                page.topics.set([topics[slug] for slug in slugs])
                page.save_revision().publish()
    # The sections under home are in the site's menu, as an editor sets them.
    for language in ("en", "bg"):
        for name in ("news", "events", "funding", "label", "standard"):
            page = pages[language][name].specific_class.objects.get(pk=pages[language][name].pk)
            page.show_in_menus = True
            page.save_revision().publish()
            pages[language][name] = page
    pages["snippets"] = snippets
    return pages
