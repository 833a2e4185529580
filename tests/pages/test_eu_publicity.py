"""EU funding publicity: the statement and the emblem's words generated per period and language,
the emblem's geometry, what publishing requires, and where the emblem shows, on a small bilingual
site made with wagtail-factories (tests/factories.py)."""

import datetime
import math
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from pages.eu_publicity import EMBLEM_STARS, emblem_label, eu_statement, is_running
from pages.models import ProjectFundingPage
from tests.factories import (
    ClusterLabelPageFactory,
    FundingProgrammeFactory,
    ProjectFundingPageFactory,
    translate,
)
from tests.factories import bilingual_site as make_bilingual_site

CODE = "BG16RFOP002-2.009-0018-C01"
STATEMENTS = {
    ("2014-2020", "en"): (
        f"Project № {CODE} “Establishment of organisational capacity and development strategy "
        "for Cluster Sofia Knowledge City” is implemented with the financial support of the "
        "Operational Programme “Innovation and Competitiveness” 2014–2020, co-financed by the "
        "European Union through the European Regional Development Fund."
    ),
    ("2014-2020", "bg"): (
        f"Проект № {CODE} „Създаване на организационен капацитет и стратегия за развитие на "
        "клъстер „София – град на знанието““ се осъществява с финансовата подкрепа на "
        "Оперативна програма „Иновации и конкурентоспособност“ 2014–2020, съфинансирана от "
        "Европейския съюз чрез Европейския фонд за регионално развитие."
    ),
    ("2021-2027", "en"): (
        f"Project № {CODE} “Establishment of organisational capacity and development strategy "
        "for Cluster Sofia Knowledge City” is funded by the Operational Programme “Innovation "
        "and Competitiveness” 2014–2020, co-funded by the European Union through the European "
        "Regional Development Fund."
    ),
    ("2021-2027", "bg"): (
        f"Проект № {CODE} „Създаване на организационен капацитет и стратегия за развитие на "
        "клъстер „София – град на знанието““ се финансира от Оперативна програма „Иновации и "
        "конкурентоспособност“ 2014–2020, съфинансирана от Европейския съюз чрез Европейския "
        "фонд за регионално развитие."
    ),
}
LABELS = {
    ("2014-2020", "en"): ["European Union", "European Regional Development Fund"],
    ("2014-2020", "bg"): ["Европейски съюз", "Европейски фонд за регионално развитие"],
    ("2021-2027", "en"): ["Co-funded by the European Union"],
    ("2021-2027", "bg"): ["Съфинансирано от Европейския съюз"],
}


TITLE = (
    "Establishment of organisational capacity and development strategy for Cluster Sofia "
    "Knowledge City"
)
PROGRAMME = "Operational Programme “Innovation and Competitiveness”"
BULGARIAN = {
    TITLE: "Създаване на организационен капацитет и стратегия за развитие на клъстер „София – "
    "град на знанието“",
    PROGRAMME: "Оперативна програма „Иновации и конкурентоспособност“",
    "Organisational capacity of the cluster": "Организационен капацитет на клъстера",
    "To grow the cluster.": "Да развие клъстера.",
    "A grown cluster.": "Развит клъстер.",
    "Cluster label": "Етикет на клъстера",
    "Cluster Management Excellence Label": "Етикет за отлично управление на клъстер",
}


@pytest.fixture
def site(locales):
    """An English home with news and events, translated into Bulgarian (the default site's
    root), with a funded project of 2014–2020 that has ended and the cluster label it paid for,
    both translated. Each page in both languages, by language and name."""
    bg, _en = locales
    pages = make_bilingual_site()
    en = pages["en"]
    programme = FundingProgrammeFactory(name=PROGRAMME, period_start=2014, period_end=2020)
    translate(programme, bg, BULGARIAN)  # (wagtail-localize needs it before the page)
    en["project"] = ProjectFundingPageFactory(
        parent=en["home"],
        title="Organisational capacity of the cluster",
        project_title=TITLE,
        project_number=CODE,
        programme=programme,
        programming_period="2014-2020",
        fund="erdf",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    en["label"] = ClusterLabelPageFactory(parent=en["home"], related_project=en["project"])
    for name in ("project", "label"):
        pages["bg"][name] = translate(en[name], bg, BULGARIAN).specific
    return pages


@pytest.fixture
def project_in(site):
    """The funded project's page in a language."""

    def project_in(language):
        return ProjectFundingPage.objects.get(pk=site[language]["project"].pk)

    return project_in


@pytest.mark.parametrize(("period", "language"), list(STATEMENTS))
def test_the_statement_is_generated_in_the_wording_of_the_period_and_language(
    project_in, period, language
):
    project = project_in(language)
    project.programming_period = period
    assert eu_statement(project, language=language) == STATEMENTS[(period, language)]
    assert emblem_label(project, language=language) == LABELS[(period, language)]


def test_the_statement_follows_the_fund(project_in):
    project = project_in("bg")
    project.fund = ProjectFundingPage.Fund.CF
    assert eu_statement(project, language="bg").endswith("чрез Кохезионния фонд.")
    assert emblem_label(project, language="bg")[1] == "Кохезионен фонд"


def test_the_emblem_is_drawn_to_its_official_geometry():
    """12 upright five-pointed stars, their centres on a circle of radius 1/3 of the height and
    their points on circles of radius 1/18 of it (the path is for a height of 120)."""
    stars = [
        [tuple(map(float, point.split(","))) for point in star.split("L")]
        for star in EMBLEM_STARS.strip("MZ").split("ZM")
    ]
    assert len(stars) == 12
    for star in stars:
        assert len(star) == 10  # five points, five notches
        outer = star[0::2]
        cx = sum(x for x, _y in outer) / 5
        cy = sum(y for _x, y in outer) / 5
        assert math.hypot(cx - 90, cy - 60) == pytest.approx(40, abs=0.02)
        for x, y in outer:
            assert math.hypot(x - cx, y - cy) == pytest.approx(120 / 18, abs=0.02)
        assert star[0][0] == pytest.approx(cx, abs=0.01) and star[0][1] < cy  # upright


@pytest.mark.parametrize(
    ("start", "end", "running"),
    [
        (None, None, False),
        (datetime.date(2026, 1, 1), None, True),
        (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), True),
        (datetime.date(2026, 1, 1), datetime.date(2026, 6, 29), False),
        (datetime.date(2026, 7, 1), datetime.date(2027, 1, 1), False),
    ],
)
def test_a_project_runs_between_its_start_and_end_dates(start, end, running):
    project = ProjectFundingPage(start_date=start, end_date=end)
    assert is_running(project, day=datetime.date(2026, 6, 30)) is running


def text_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_funding_page_shows_emblem_and_statement_under_its_title(client, project_in, language):
    project = project_in(language)
    soup = text_of(client, project.url)
    header = soup.select_one("main .page-header")
    aside = header.select_one(".eu-acknowledgement")
    assert aside.find_previous_sibling("h1") is not None, "right under the title"
    assert aside.select_one("svg.eu-flag[role=img]")["aria-label"]
    words = [span.get_text() for span in aside.select(".eu-emblem__label > span")]
    assert words == LABELS[("2014-2020", language)]
    statement = aside.select_one(".eu-acknowledgement__statement").get_text()
    assert statement == STATEMENTS[("2014-2020", language)]
    assert project.aims in soup.main.get_text() and project.results in soup.main.get_text()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_projects_label_page_shows_the_generated_statement(client, site, language):
    label = site[language]["label"]
    soup = text_of(client, label.url)
    statement = soup.select_one(".eu-acknowledgement__statement").get_text()
    assert statement == STATEMENTS[("2014-2020", language)]
    assert soup.select_one(".eu-acknowledgement svg.eu-flag")


def run_project(site, start, end):
    for language in ("bg", "en"):
        project = ProjectFundingPage.objects.get(pk=site[language]["project"].pk)
        project.start_date, project.end_date = start, end
        project.save_revision().publish()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_page_carries_the_band_while_the_project_runs(
    client, site, project_in, language, django_capture_on_commit_callbacks
):
    home = site[language]["home"]
    assert text_of(client, home.url).select_one(".eu-band") is None, "the project has ended"
    today = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):  # the cache forgets on commit
        run_project(site, today - datetime.timedelta(days=30), today + datetime.timedelta(days=30))
    for url in (home.url, site[language]["label"].url):
        band = text_of(client, url).select_one("header.site-header .eu-band")
        assert band is not None
        words = [span.get_text() for span in band.select(".eu-emblem__label > span")]
        assert words == LABELS[("2014-2020", language)]
        assert band.a["href"] == project_in(language).url
    with django_capture_on_commit_callbacks(execute=True):
        run_project(site, today - datetime.timedelta(days=30), today - datetime.timedelta(days=1))
    assert text_of(client, home.url).select_one(".eu-band") is None, "ended yesterday"


class TestPublishing:
    """Aims, results, code, fund and programme are required to publish; a draft may lack them."""

    @pytest.fixture
    def editor(self, client, site):
        user = get_user_model().objects.create_superuser("eu-editor", "e@example.org", "pw")
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
        client.force_login(user)
        return client

    @pytest.fixture
    def data(self, site):
        """The admin's create form for a project under the Bulgarian home, with ``changes``."""
        return lambda **changes: self.form(site, **changes)

    def form(self, site, **changes):
        fields = {
            "title": "Нов проект",
            "slug": "nov-proekt-eu",
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            "project_title": "Проект",
            "project_number": "BG16FFPR003-1.001-0001",
            "programming_period": "2021-2027",
            "programme": site["bg"]["project"].programme_id,
            "fund": "erdf",
            "beneficiary": "",
            "budget": "",
            "eu_share": "",
            "currency": "BGN",
            "start_date": "",
            "end_date": "",
            "status": "",
            "aims": "Цели.",
            "results": "Резултати.",
            "comments": inline_formset([]),
        }
        return nested_form_data({**fields, **changes})

    @pytest.fixture
    def add(self, site):
        """Post the create form under the Bulgarian home with the button ``action``."""
        home = site["bg"]["home"]
        url = reverse("wagtailadmin_pages:add", args=["pages", "projectfundingpage", home.pk])
        return lambda client, data, action: client.post(url, {**data, action: action})

    @pytest.mark.parametrize("field", ["aims", "results", "project_number", "fund", "programme"])
    def test_publishing_without_it_is_a_form_error(self, editor, data, add, field):
        response = add(editor, data(**{field: ""}), "action-publish")
        assert response.status_code == 200
        with translation.override("en"):  # (the messages are lazy: read in English)
            assert response.context["form"].errors[field] == ["This field is required."]
        assert not ProjectFundingPage.objects.filter(slug="nov-proekt-eu").exists()

    def test_a_draft_may_lack_aims_and_results(self, editor, data, add):
        response = add(editor, data(aims="", results=""), "action-save-draft")
        assert response.status_code == 302
        page = ProjectFundingPage.objects.get(slug="nov-proekt-eu")
        assert not page.live and page.aims == ""


def test_the_statement_is_never_typed(db):
    """No field of the page holds the statement: it is generated from the facts."""
    names = {field.name for field in ProjectFundingPage._meta.get_fields()}
    assert not {"acknowledgement", "statement", "eu_statement_text"} & names
    assert re.search(r"\bstatement\b", " ".join(names)) is None


class TestEditorPanel:
    """The editor sees what the rules need and the page lacks, in the admin's language."""

    def edit(self, client, page):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    def test_a_complete_project_shows_the_statement_readers_see(self, admin_client, project_in):
        soup = self.edit(admin_client, project_in("en"))
        checks = soup.select("[data-eu-publicity]")
        assert checks and all(check["data-eu-publicity"] == "complete" for check in checks)
        assert checks[0].blockquote.get_text() == STATEMENTS[("2014-2020", "en")]

    @pytest.mark.parametrize(
        ("admin_language", "expected"),
        [
            (
                "en",
                "The EU publicity rules need: the project number, the fund, the aims, the "
                "results. Fill these in to publish the page.",
            ),
            (
                "bg",
                "Правилата на ЕС за публичност изискват: номера на проекта, фонда, целите, "
                "резултатите. Попълнете липсващото, за да публикувате страницата.",
            ),
        ],
    )
    def test_a_project_lacking_code_fund_aims_or_results_is_flagged(
        self, admin_client, project_in, admin_language, expected
    ):
        UserProfile.objects.filter(user__username="admin-en").update(
            preferred_language=admin_language
        )
        project = project_in("en")
        project.project_number = project.fund = project.aims = project.results = ""
        project.save_revision(clean=False)  # a draft (as Wagtail saves one): opened next
        soup = self.edit(admin_client, project)
        warning = soup.select_one("[data-eu-publicity=missing] .help-warning")
        assert " ".join(warning.get_text().split()) == expected
