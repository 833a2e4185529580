"""The label page: validity from today's date and the benchmarking-report request form."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from pages.models import ReportRequest
from tests.conftest import form_shown


def shown_a_minute_ago():
    """The form's signed time as if a person had opened it a minute ago."""
    return form_shown(seconds_ago=60)


@pytest.fixture
def bg_label(labels):
    return labels["bg"]


def test_validity_follows_todays_date(client, bg_label, django_capture_on_commit_callbacks):
    text = BeautifulSoup(client.get(bg_label.url).content, "html.parser").main.get_text(" ")
    assert "Изтекъл на 21 февруари 2021" in text
    bg_label.valid_until = datetime.date.today() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):  # cached fragments renewed on commit
        bg_label.save_revision().publish()
    text = BeautifulSoup(client.get(bg_label.url).content, "html.parser").main.get_text(" ")
    assert "Валиден до" in text


def test_a_valid_request_is_stored_mailed_and_thanked_in_the_readers_language(
    client, bg_label, settings
):
    bg_label.report_email = "cluster@example.org"
    bg_label.save_revision().publish()
    response = client.post(
        bg_label.url,
        {"name": "Мария Петрова", "organisation": "ИТ ООД", "email": "maria@example.org",
         "message": "Моля, изпратете доклада.", "issued": shown_a_minute_ago()},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{bg_label.url}thanks/"
    stored = ReportRequest.objects.get()
    assert (stored.name, stored.email, stored.language, stored.page_id) == (
        "Мария Петрова", "maria@example.org", "bg", bg_label.pk)  # fmt: skip
    (message,) = mail.outbox
    assert message.to == ["cluster@example.org"]
    assert message.reply_to == ["maria@example.org"]
    assert "Мария Петрова" in message.body and "Моля, изпратете доклада." in message.body
    thanks = client.get(response["Location"])
    assert "Благодарим" in thanks.content.decode()


def test_invalid_input_shows_errors_and_stores_nothing(client, bg_label):
    response = client.post(bg_label.url, {"name": "", "email": "not-an-address"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = " ".join(e.get_text() for e in soup.select(".form__error"))
    assert "Това поле е задължително." in errors
    assert "имейл" in errors.lower()
    assert not ReportRequest.objects.exists() and not mail.outbox


def test_header_injection_in_the_email_is_refused(client, bg_label):
    response = client.post(
        bg_label.url, {"name": "X", "email": "a@example.org\nBcc: victim@example.org"}
    )
    assert response.status_code == 200
    assert not ReportRequest.objects.exists() and not mail.outbox


def test_the_form_is_protected_by_csrf(bg_label):
    client = Client(enforce_csrf_checks=True)
    response = client.post(bg_label.url, {"name": "X", "email": "x@example.org"})
    assert response.status_code == 403
    assert not ReportRequest.objects.exists()
    page = client.get(bg_label.url)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(client, bg_label):
    response = client.post(
        bg_label.url, {"name": "Bot", "email": "bot@example.org", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not ReportRequest.objects.exists() and not mail.outbox


def test_requests_without_an_address_go_to_the_managers(client, bg_label, settings):
    settings.MANAGERS = [("Office", "office@example.org")]
    client.post(
        bg_label.url, {"name": "Ann", "email": "ann@example.org", "issued": shown_a_minute_ago()}
    )
    assert mail.outbox[0].to == ["office@example.org"]
