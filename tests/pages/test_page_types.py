"""Page types: where they may be created, creating each through the admin form, and the
validation errors an editor sees (in the admin's language), and the admin's search; on a small
bilingual site made with wagtail-factories (tests/factories.py)."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

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
from snippets.models import FundingProgramme, Organisation, Topic
from tests.factories import (
    ClusterLabelPageFactory,
    EUAcknowledgementFactory,
    EventPageFactory,
    ProjectFundingPageFactory,
    bilingual_site,
    site_with_every_page_type,
    translate,
)


def body(*blocks):
    return streamfield(list(blocks) or [("paragraph", rich_text("<p>Текст на страницата.</p>"))])


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.bg = Locale.objects.get(language_code="bg")
        pages = site_with_every_page_type()
        EUAcknowledgementFactory()
        cls.home = HomePage.objects.get(pk=pages["bg"]["home"].pk)
        cls.news_index = NewsIndexPage.objects.get(pk=pages["bg"]["news"].pk)
        cls.event_index = EventIndexPage.objects.get(pk=pages["bg"]["events"].pk)
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        # The admin speaks the user's chosen language (Bulgarian by default): English here,
        # Bulgarian in the test that says so.
        UserProfile.objects.update_or_create(user=self.user, defaults={"preferred_language": "en"})
        self.client.force_login(self.user)

    def test_allowed_parent_and_child_types(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                EventIndexPage,
                ClusterLabelPage,
                ProjectFundingPage,
                StandardPage,
                AccessibilityStatementPage,
            },
        )
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        for leaf in (NewsPage, EventPage, ClusterLabelPage, ProjectFundingPage):
            self.assertAllowedSubpageTypes(leaf, set())
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)

    def news_data(self, **overrides):
        data = {
            "title": "Нова статия",
            "slug": "nova-statia",
            "date": "2026-11-20",
            "date_precision": "day",
            "kind": "news",
            "intro": "Кратко въведение.",
            "image_alt_text": "",
            "body": body(),
            "related_organisations": inline_formset([]),
            "related_people": inline_formset([]),
            "comments": inline_formset([]),
        }
        form = nested_form_data({**data, **overrides})
        form["topics"] = [Topic.objects.get(slug="smart-cities").pk]  # a multiple-choice field
        return form

    def test_editor_creates_a_news_page_with_paragraph_and_image(self):
        image = get_image_model().objects.create(title="Снимка", file=get_test_image_file())
        data = self.news_data(
            body=body(
                ("paragraph", rich_text("<p>Абзац.</p>")),
                ("image", {"image": image.pk, "alt_text": "Зала 6", "caption": "Щанд"}),
            )
        )
        self.assertCanCreate(self.news_index, NewsPage, data)
        page = NewsPage.objects.get(slug="nova-statia")
        assert page.live and page.locale == self.bg
        assert [t.slug for t in page.topics.all()] == ["smart-cities"]
        response = self.client.get(page.url)
        assert response.status_code == 200
        self.assertContains(response, 'alt="Зала 6"')

    def test_event_page_can_be_created_with_a_month_only_date(self):
        data = nested_form_data(
            {
                "title": "Изложение",
                "slug": "izlozhenie",
                "intro": "",
                "body": body(),
                "start_date": "2027-06-17",
                "end_date": "",
                "date_precision": "month",
                "start_time": "",
                "end_time": "",
                "city": "София",
                "country": "България",
                "venue": "",
                "hall": "Зала 6",
                "attendance": "hybrid",
                "expected_audience": "3000",
                "organiser": "",
                "our_role": "exhibitor",
                "link_url": "",
                "related_project": "",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.event_index, EventPage, data)
        event = EventPage.objects.get(slug="izlozhenie")
        assert event.start_date == datetime.date(2027, 6, 1)
        response = self.client.get(event.url)
        self.assertContains(response, "юни 2027")
        self.assertNotContains(response, "17 юни")

    def test_label_and_funding_pages_can_be_created(self):
        issuer = Organisation.objects.filter(locale=self.bg, kind="issuer").first()
        label = nested_form_data(
            {
                "title": "Сребърен знак",
                "slug": "srebaren-znak",
                "intro": "",
                "body": body(),
                "label_name": "Cluster Management Excellence Label SILVER",
                "level": "silver",
                "issuer": issuer.pk,
                "certificate_number": "BGR0001",
                "benchmarking_date": "2026-01-01",
                "benchmarking_date_precision": "month",
                "awarded_on": "2026-03-01",
                "valid_until": "2028-03-01",
                "related_project": "",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.home, ClusterLabelPage, label)
        funding = nested_form_data(
            {
                "title": "Нов проект",
                "slug": "nov-proekt",
                "intro": "",
                "body": body(),
                "project_title": "Проект",
                "project_number": "BG-0001",
                "programming_period": "2021-2027",
                "programme": FundingProgramme.objects.filter(locale__language_code="bg").first().pk,
                "fund": "erdf",
                "beneficiary": "",
                "budget": "100000.00",
                "eu_share": "85000.00",
                "currency": "BGN",
                "start_date": "2026-01-01",
                "end_date": "2027-12-31",
                "status": "ongoing",
                "aims": "Цели на проекта.",
                "results": "Резултати на проекта.",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.home, ProjectFundingPage, funding)
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Членове",
                    "slug": "chlenove",
                    "intro": "",
                    "body": body(),
                    "comments": inline_formset([]),
                }
            ),
        )

    def post_add(self, parent, model, data):
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        return self.client.post(url, {**data, "action-publish": "action-publish"})

    def assert_form_error(self, response, field, message):
        """The form is shown again with ``message`` on ``field``, as the editor reads it."""
        assert response.status_code == 200, "an invalid form is shown again, not saved"
        assert field in response.context["form"].errors
        self.assertContains(response, message)

    def test_event_ending_before_it_starts_is_a_form_error(self):
        data = nested_form_data(
            {
                "title": "Грешни дати",
                "slug": "greshni-dati",
                "intro": "",
                "body": body(),
                "start_date": "2027-06-17",
                "end_date": "2027-06-10",
                "date_precision": "day",
                "attendance": "in_person",
                "comments": inline_formset([]),
            }
        )
        response = self.post_add(self.event_index, EventPage, data)
        self.assert_form_error(response, "end_date", "The event cannot end before it starts.")
        assert not EventPage.objects.filter(slug="greshni-dati").exists()

    def test_label_valid_until_before_awarded_on_is_a_form_error_in_bulgarian(self):
        UserProfile.objects.update_or_create(user=self.user, defaults={"preferred_language": "bg"})
        data = nested_form_data(
            {
                "title": "Знак",
                "slug": "znak",
                "intro": "",
                "body": body(),
                "label_name": "Label",
                "level": "gold",
                "awarded_on": "2026-03-01",
                "valid_until": "2025-03-01",
                "benchmarking_date_precision": "day",
                "comments": inline_formset([]),
            }
        )
        response = self.post_add(self.home, ClusterLabelPage, data)
        self.assert_form_error(
            response, "valid_until", "Знакът не може да изтече преди да е присъден."
        )

    def test_eu_share_above_budget_is_a_form_error(self):
        data = nested_form_data(
            {
                "title": "Проект",
                "slug": "proekt",
                "intro": "",
                "body": body(),
                "project_title": "Проект",
                "project_number": "BG-1",
                "budget": "1000",
                "eu_share": "1000.01",
                "currency": "EUR",
                "comments": inline_formset([]),
            }
        )
        response = self.post_add(self.home, ProjectFundingPage, data)
        self.assert_form_error(
            response, "eu_share", "The EU co-financing cannot be more than the total budget."
        )

    def test_image_block_without_alt_text_is_a_form_error(self):
        image = get_image_model().objects.create(title="Снимка", file=get_test_image_file())
        data = self.news_data(
            slug="bez-alt",
            body=body(("image", {"image": image.pk, "alt_text": "", "caption": ""})),
        )
        response = self.post_add(self.news_index, NewsPage, data)
        self.assert_form_error(response, "body", "This field is required.")
        assert not NewsPage.objects.filter(slug="bez-alt").exists()

    def test_main_image_without_alt_text_is_a_form_error(self):
        image = get_image_model().objects.create(title="Снимка", file=get_test_image_file())
        data = self.news_data(slug="bez-alt-2", image=image.pk, image_alt_text="")
        response = self.post_add(self.news_index, NewsPage, data)
        self.assert_form_error(response, "image_alt_text", "Every image needs alt text.")

    def test_admin_edits_every_page_and_lists_every_snippet(self):
        from wagtail.models import Page

        for page in Page.objects.filter(depth__gte=2):
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            assert response.status_code == 200, page
        for model in ("organisation", "person", "topic", "fundingprogramme", "euacknowledgement"):
            response = self.client.get(reverse(f"wagtailsnippets_snippets_{model}:list"))
            assert response.status_code == 200, model
            obj = response.context["object_list"][0]
            edit = reverse(f"wagtailsnippets_snippets_{model}:edit", args=[obj.pk])
            assert self.client.get(edit).status_code == 200, model


SEARCH_BULGARIAN = {
    "Ecocity World Summit in London": "Световна среща на върха Ecocity в Лондон",
    "A summit on the future of the biosphere.": "Среща на върха за бъдещето на биосферата.",
    # (wagtail-localize keeps a segment's text HTML-escaped)
    "Smart City Summit &amp; Expo 2023 in Taipei and Kaohsiung": (
        "Smart City Summit &amp; Expo 2023 в Тайпе и Гаосюн"
    ),
    "London": "Лондон",
    "United Kingdom": "Обединеното кралство",
    "Taipei": "Тайпе",
    "Taiwan": "Тайван",
}


class AdminSearchTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        # Two events in both languages, a cluster label and a funded project, each found by
        # words of its own fields.
        bg = Locale.objects.get(language_code="bg")
        pages = bilingual_site()
        for title, intro, city, country in (
            ("Ecocity World Summit in London", "A summit on the future of the biosphere.",
             "London", "United Kingdom"),
            ("Smart City Summit & Expo 2023 in Taipei and Kaohsiung", "", "Taipei", "Taiwan"),
        ):  # fmt: skip
            event = EventPageFactory(
                parent=pages["en"]["events"], title=title, intro=intro, city=city, country=country
            )
            translate(event, bg, SEARCH_BULGARIAN)
        ClusterLabelPageFactory(
            parent=pages["en"]["home"],
            title="Cluster Management Excellence Label",
            certificate_number="BGR011201812C181103",
        )
        ProjectFundingPageFactory(
            parent=pages["en"]["home"],
            title="Organisational capacity and development strategy",
            project_number="BG16RFOP002-2.009-0018-C01",
        )
        cls.user = get_user_model().objects.create_superuser("searcher", "s@example.org", "pw")

    def test_admin_search_finds_pages_in_both_languages(self):
        self.client.force_login(self.user)
        url = reverse("wagtailadmin_pages:search")
        for query, expected in (
            ("Ecocity", "Световна среща на върха Ecocity в Лондон"),
            ("Ecocity", "Ecocity World Summit in London"),
            ("Тайпе", "Smart City Summit &amp; Expo 2023 в Тайпе и Гаосюн"),
        ):
            response = self.client.get(url, {"q": query})
            assert response.status_code == 200
            self.assertContains(response, expected)

    def test_search_index_holds_each_page_types_own_fields(self):
        from wagtail.models import Page
        from wagtail.search.query import Phrase

        for query, title in (
            ("BGR011201812C181103", "Cluster Management Excellence Label"),
            (
                Phrase("BG16RFOP002-2.009-0018-C01"),
                "Organisational capacity and development strategy",
            ),
            ("биосферата", "Световна среща на върха Ecocity в Лондон"),
            ("Kaohsiung", "Smart City Summit & Expo 2023 in Taipei and Kaohsiung"),
        ):
            assert title in [page.title for page in Page.objects.live().search(query)], query
