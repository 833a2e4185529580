"""A small cluster site built with tests/factories.py, shared by the page cache tests
(test_page_cache.py) and the cache dependency tests (test_cache_dependencies.py)."""

import datetime

import pytest
from wagtail.models import Page

from pages.models import NewsPageOrganisation, NewsPagePerson
from tests.factories import (
    ClusterLabelPageFactory,
    EventPageFactory,
    FundingProgrammeFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFundingPageFactory,
    StandardPageFactory,
    TopicFactory,
    bilingual_site,
    translate,
)


def topic(name_en, name_bg):
    return TopicFactory(name=name_en, name_en=name_en, name_bg=name_bg)


@pytest.fixture
def cluster(locales):
    """A bilingual site (tests/factories.py) with, in English and translated into Bulgarian
    (snippets and linked pages before the pages that show them, as wagtail-localize needs):

    - organisations "oneness" (an investor), "cluster" (the cluster itself) and "esca" (the
      label's issuer); people "stanley-wei" (of oneness, with a role) and "ivan" (of cluster);
      the programme "op-ic"; topics "investment", "smart-cities", "energy" and "unused";
    - a section "about", beside the news and events sections; like them, the project and the
      label pages below the home are in the menu (so every page names them);
    - the funding project "funding" (programme op-ic, beneficiary cluster) and the label page
      "label" (issued by esca, paid for by the project);
    - news "news-16-plus-1" (the latest: names oneness and stanley-wei, about investment),
      "news-eip-scc" (names ivan, about smart cities) and "news-label" (paid for by the
      project); the event "event-ee-re-2017" (about energy).

    Everything by name, in English; other languages are found by translation key."""
    bg = locales[0]
    pages = bilingual_site()
    en = pages["en"]
    made = {"home": en["home"], "news": en["news"], "events": en["events"]}
    for name in ("news", "events"):  # sections in the menu, as the site's are
        for version in Page.objects.filter(translation_key=en[name].translation_key):
            version = version.specific
            version.show_in_menus = True
            version.save_revision().publish()

    made["oneness"] = OrganisationFactory(name="Oneness International Group")
    made["cluster"] = OrganisationFactory(name="Sofia Knowledge City Cluster")
    made["esca"] = OrganisationFactory(name="European Secretariat for Cluster Analysis")
    for name in ("oneness", "cluster", "esca"):
        translate(made[name], bg, {})
    made["stanley-wei"] = PersonFactory(
        name="Stanley Wei", role="Investment director", organisation=made["oneness"]
    )
    made["ivan"] = PersonFactory(name="Ivan Petrov", role="Manager", organisation=made["cluster"])
    made["op-ic"] = FundingProgrammeFactory()
    for name in ("stanley-wei", "ivan", "op-ic"):
        translate(made[name], bg, {})
    made["investment"] = topic("Investment", "Инвестиции")
    made["smart-cities"] = topic("Smart cities", "Умни градове")
    made["energy"] = topic("Energy", "Енергия")
    made["unused"] = topic("Unused", "Неизползвана")

    made["about"] = StandardPageFactory(parent=en["home"], title="About us", show_in_menus=True)
    made["funding"] = ProjectFundingPageFactory(
        parent=en["home"],
        programme=made["op-ic"],
        beneficiary=made["cluster"],
        show_in_menus=True,
    )
    for name in ("about", "funding"):
        translate(made[name], bg, {})
    made["label"] = ClusterLabelPageFactory(
        parent=en["home"],
        issuer=made["esca"],
        related_project=made["funding"],
        show_in_menus=True,
    )
    made["news-16-plus-1"] = NewsPageFactory(
        parent=en["news"],
        title="16 + 1 Summit",
        date=datetime.date(2026, 11, 20),
        related_organisations=[NewsPageOrganisation(organisation=made["oneness"])],
        related_people=[NewsPagePerson(person=made["stanley-wei"])],
        topics=[made["investment"]],
    )
    made["news-eip-scc"] = NewsPageFactory(
        parent=en["news"],
        title="Smart cities partnership",
        date=datetime.date(2026, 10, 1),
        related_people=[NewsPagePerson(person=made["ivan"])],
        topics=[made["smart-cities"]],
    )
    made["news-label"] = NewsPageFactory(
        parent=en["news"],
        title="The cluster's label",
        date=datetime.date(2026, 9, 1),
        related_project=made["funding"],
    )
    made["event-ee-re-2017"] = EventPageFactory(
        parent=en["events"], title="Energy efficiency forum", topics=[made["energy"]]
    )
    for name in ("label", "news-16-plus-1", "news-eip-scc", "news-label", "event-ee-re-2017"):
        translate(made[name], bg, {})
    for name, page in list(made.items()):
        if isinstance(page, Page):
            made[name] = Page.objects.get(pk=page.pk).specific
    return made
