"""The accessibility statement: one per language, linked from every page's footer, the parts of
the model statement (Decision (EU) 2018/1523), and its feedback form (kept, e-mailed, limited),
on a small bilingual site made with wagtail-factories (tests/factories.py)."""

import smtplib

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from pages.forms import form_token
from pages.models import AccessibilityFeedback, AccessibilityStatementPage, NewsPage
from tests.conftest import form_shown
from tests.factories import (
    AccessibilityStatementPageFactory,
    NewsPageFactory,
    bilingual_site,
    translate,
)

ENFORCEMENT = (
    "If you are not satisfied with our answer, write to the Ministry of e-Government under "
    "Article 58c (чл. 58в) of the e-Government Act."
)
BULGARIAN = {
    "Accessibility statement": "Декларация за достъпност",
    "Some older documents are scanned images.": "Някои по-стари документи са сканирани.",
    ENFORCEMENT: "Ако не сте доволни от отговора, подайте сигнал до Министерството на "
    "електронното управление по чл. 58в от Закона за електронното управление.",
    "Cluster news": "Новини на клъстера",
    "A short introduction.": "Кратко въведение.",
}


def build_site():
    """A bilingual site (English translated into Bulgarian) with an accessibility statement
    under each home page and a news item in each language."""
    bg = Locale.objects.get(language_code="bg")
    pages = bilingual_site()
    statement = AccessibilityStatementPageFactory(
        parent=pages["en"]["home"], enforcement=ENFORCEMENT
    )
    translate(statement, bg, BULGARIAN)
    news = NewsPageFactory(parent=pages["en"]["news"], title="Cluster news")
    translate(news, bg, BULGARIAN)
    return pages


@pytest.fixture(autouse=True)
def site(request):
    if request.instance is None:  # (the TestCase below builds it in its own transaction)
        request.getfixturevalue("db")
        return build_site()


def feedback_data(**changes):
    data = {
        "name": "Иван Иванов",
        "email": "ivan@example.org",
        "address": "/bg/novini/",
        "message": "Не мога да стигна до търсенето само с клавиатура.",
        "issued": form_shown(60),  # shown a minute ago
    }
    return {**data, **changes}


def statement(language):
    return AccessibilityStatementPage.objects.get(locale__language_code=language)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


class TestPlace(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_one_statement_per_language_under_the_home_page(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())
        for language in ("bg", "en"):
            home = HomePage.objects.get(pk=self.pages[language]["home"].pk)  # (fresh numchild)
            assert not AccessibilityStatementPage.can_create_at(home), "one exists already"
            assert statement(language).get_parent().pk == home.pk


@pytest.mark.parametrize(
    ("language", "title", "headings"),
    [
        ("bg", "Декларация за достъпност",
         ["Състояние на съответствие", "Недостъпно съдържание", "Изготвяне на декларацията",
          "Процедура по прилагане", "Обратна връзка и контакт"]),
        ("en", "Accessibility statement",
         ["Compliance status", "Non-accessible content", "Preparation of this statement",
          "Enforcement procedure", "Feedback and contact"]),
    ],
)  # fmt: skip
def test_the_statement_has_the_parts_of_the_model_and_every_footer_links_it(
    client, site, language, title, headings
):
    page = statement(language)
    soup = soup_of(client.get(page.url))
    assert soup.h1.get_text() == title
    assert [h2.get_text() for h2 in soup.main.select("h2")] == headings
    assert "30 ноември 2026" in soup.main.get_text() or "30 November 2026" in soup.main.get_text()
    assert "58в" in soup.main.get_text()
    news = NewsPage.objects.live().filter(locale__language_code=language).first()
    for other in (site[language]["home"], page, news):
        link = soup_of(client.get(other.url)).select_one(".site-footer a")
        assert (link["href"], link.get_text()) == (page.url, title)
    assert not soup.select(f'.site-nav a[href="{page.url}"]'), "in the footer, not the menu"


def test_feedback_is_stored_mailed_and_thanked(client, db, settings):
    page = statement("bg")
    page.feedback_email = "access@example.org"
    page.save_revision().publish()
    response = client.post(page.url, feedback_data())
    assert response.status_code == 302 and response["Location"] == f"{page.url}thanks/"
    stored = AccessibilityFeedback.objects.get()
    assert (stored.email, stored.address, stored.language, stored.page_id) == (
        "ivan@example.org", "/bg/novini/", "bg", page.pk)  # fmt: skip
    (message,) = mail.outbox
    assert message.to == ["access@example.org"] and message.reply_to == ["ivan@example.org"]
    assert "само с клавиатура" in message.body and "/bg/novini/" in message.body
    assert "Благодарим" in client.get(response["Location"]).content.decode()


def test_bad_input_is_a_clear_error_and_nothing_typed_is_lost(client, db):
    page = statement("en")
    response = client.post(page.url, feedback_data(email="not-an-address", message=""))
    assert response.status_code == 200
    soup = soup_of(response)
    errors = {e["id"]: e.get_text() for e in soup.select(".form__error")}
    assert errors == {
        "id_email-error": "Enter a valid email address.",
        "id_message-error": "This field is required.",
    }
    assert soup.select_one("input[name=name]")["value"] == "Иван Иванов"
    assert soup.select_one("input[name=address]")["value"] == "/bg/novini/"
    assert not AccessibilityFeedback.objects.exists() and not mail.outbox


def test_a_line_break_in_the_name_is_refused(client, db):
    response = client.post(statement("en").url, feedback_data(name="A\nBcc: x@example.org"))
    assert "Write this on one line" in soup_of(response).select_one(".form__error").get_text()
    assert not AccessibilityFeedback.objects.exists()


def test_five_messages_an_hour_from_one_address_then_a_clear_error(db, settings):
    page = statement("bg")
    settings.MANAGERS = [("Cluster", "managers@example.org")]
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(5):
        response = client.post(page.url, feedback_data(email=f"reader{n}@example.org"))
        assert response.status_code == 302
    refused = client.post(page.url, feedback_data(email="sixth@example.org"))
    assert refused.status_code == 429
    alert = soup_of(refused).select_one(".form__errors[role=alert]").get_text()
    assert "твърде много съобщения" in alert
    assert (
        soup_of(refused).select_one("textarea[name=message]").get_text().strip()
        == (feedback_data()["message"])
    ), "the message is shown again, not lost"
    assert AccessibilityFeedback.objects.count() == 5 and len(mail.outbox) == 5
    assert mail.outbox[0].to == ["managers@example.org"]


def test_a_failing_mail_server_still_keeps_the_feedback(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    statement("bg").__class__.objects.filter(pk=statement("bg").pk).update(
        feedback_email="access@example.org"
    )
    response = client.post(statement("bg").url, feedback_data())
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1


def test_a_form_sent_too_fast_is_refused_with_its_text_kept(client, db):
    response = client.post(statement("en").url, feedback_data(issued=form_token()))
    assert "sent too quickly" in soup_of(response).select_one(".form__errors").get_text()
    assert not AccessibilityFeedback.objects.exists()
