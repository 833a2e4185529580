"""The benchmarking report form under abuse: floods from one address, robots that send at once
or replay an old form, over-long and multi-line input, and header injection in the e-mail.
Each is a clear error in the reader's language (or a silent thank-you for robots), never a 500,
and nothing is stored or mailed."""

import datetime
import smtplib

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import Client

from pages.forms import form_token
from pages.models import ReportRequest
from tests.conftest import form_shown, read_production_settings


@pytest.fixture
def bg_label(labels):
    page = labels["bg"]
    page.report_email = "cluster@example.org"
    page.save_revision().publish()
    return page


@pytest.fixture
def en_label(labels):
    return labels["en"]


def request_data(**overrides):
    return {
        "name": "Мария Петрова",
        "organisation": "ИТ ООД",
        "email": "maria@example.org",
        "message": "Моля, изпратете доклада.",
        "issued": form_shown(seconds_ago=60),
        **overrides,
    }


def errors_in(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        node.get_text(" ", strip=True) for node in soup.select(".form__errors, .form__error")
    )


def assert_nothing_kept():
    assert not ReportRequest.objects.exists()
    assert not mail.outbox


def test_the_form_carries_a_signed_time_and_the_hidden_trap(client, bg_label):
    soup = BeautifulSoup(client.get(bg_label.url).content, "html.parser")
    issued = soup.select_one('input[type=hidden][name="issued"]')
    assert issued is not None and ":" in issued["value"]
    assert soup.select_one(".form__field--trap input[name=website]") is not None
    assert not soup.select('label[for="id_issued"]')  # hidden fields get no visible label


def test_five_requests_an_hour_from_one_address_then_a_clear_error(bg_label):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(5):
        response = client.post(bg_label.url, request_data(email=f"reader{n}@example.org"))
        assert response.status_code == 302
    refused = client.post(bg_label.url, request_data(email="sixth@example.org"))
    assert refused.status_code == 429
    assert "Твърде много заявки" in errors_in(refused) or "Too many requests" in errors_in(refused)
    assert ReportRequest.objects.count() == 5 and len(mail.outbox) == 5
    other = Client(REMOTE_ADDR="198.51.100.5").post(bg_label.url, request_data())
    assert other.status_code == 302  # another reader is not held back


def test_the_limit_message_follows_the_readers_language(en_label):
    client = Client(REMOTE_ADDR="203.0.113.6")
    for _n in range(5):
        client.post(en_label.url, request_data())
    refused = client.post(en_label.url, request_data())
    assert refused.status_code == 429
    assert "Too many requests have been sent from your address" in errors_in(refused)


def test_the_limit_counts_the_address_behind_the_trusted_proxy(bg_label, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):
        response = Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", **proxy).post(
            bg_label.url, request_data()
        )
        assert response.status_code == 302  # five readers behind one proxy
    flood = Client(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", **proxy)
    assert [flood.post(bg_label.url, request_data()).status_code for _n in range(6)][-1] == 429
    # A client cannot dodge the limit by claiming other addresses further left.
    spoofed = Client(HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9", **proxy)
    assert spoofed.post(bg_label.url, request_data()).status_code == 429


@pytest.mark.parametrize(
    ("issued", "message_en"),
    [
        (lambda: form_token(), "The form was sent too quickly"),
        (lambda: form_shown(seconds_ago=2 * 24 * 3600), "more than a day ago"),
        (lambda: "", "could not be checked"),
        (lambda: form_shown(seconds_ago=60).rpartition(":")[0], "could not be checked"),  # unsigned
        (lambda: form_shown(seconds_ago=60)[:-2] + "xx", "could not be checked"),  # forged
    ],
    ids=["too-fast", "a-day-old", "missing", "unsigned", "forged"],
)
def test_a_form_sent_too_fast_replayed_or_forged_is_refused(en_label, issued, message_en):
    response = Client().post(en_label.url, request_data(issued=issued()))
    assert response.status_code == 200
    assert message_en in errors_in(response)
    assert_nothing_kept()
    # The form comes back with a fresh signed time, so the reader can simply send it again.
    fresh = BeautifulSoup(response.content, "html.parser").select_one('input[name="issued"]')
    assert fresh["value"] != issued()


def test_a_bulgarian_reader_reads_the_timing_error_in_bulgarian(bg_label):
    response = Client().post(bg_label.url, request_data(issued=form_token()))
    assert response.status_code == 200
    text = errors_in(response)
    assert "твърде бързо" in text or "The form was sent too quickly" in text
    assert_nothing_kept()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Я" * 201),
        ("organisation", "О" * 201),
        ("email", "a" * 250 + "@example.org"),
        ("message", "м" * 2001),
        ("name", ""),
        ("email", ""),
    ],
)
def test_over_long_or_missing_fields_are_form_errors(client, bg_label, field, value):
    response = client.post(bg_label.url, request_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["report_form"].errors
    assert_nothing_kept()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Мария\r\nBcc: victim@example.org"),
        ("name", "Мария\nSubject: spam"),
        ("organisation", "ИТ ООД\rTo: victim@example.org"),
        ("name", "Мария\x00"),
        ("name", "Мария\u2028Bcc: victim@example.org"),
        ("email", "maria@example.org\r\nBcc: victim@example.org"),
        ("email", "maria@example.org%0ABcc:victim@example.org"),
        ("email", '"maria\nBcc: victim"@example.org'),
        ("message", "Текст\x00"),
    ],
)
def test_line_breaks_and_control_characters_never_reach_the_mail(client, bg_label, field, value):
    response = client.post(bg_label.url, request_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["report_form"].errors
    assert_nothing_kept()


def test_a_multi_line_message_is_fine_and_the_headers_stay_clean(client, bg_label):
    bg_label.label_name = "Знак\r\nBcc: victim@example.org"
    bg_label.save_revision().publish()
    response = client.post(
        bg_label.url,
        request_data(name="O'Brien <script>", message="Ред 1\r\nBcc: victim@example.org\r\nРед 3"),
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    headers = message.message()
    assert headers["Bcc"] is None and "victim" not in (headers["To"] + headers["Reply-To"])
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.recipients() == ["cluster@example.org"]
    assert "Bcc: victim@example.org" in message.body  # the message is text in the body only


def test_the_form_echoes_input_escaped(client, bg_label):
    payload = '"><script>alert(1)</script>'
    response = client.post(bg_label.url, request_data(name=payload, email="not-an-address"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_failing_mail_server_still_keeps_the_request_and_thanks(client, bg_label, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    response = client.post(bg_label.url, request_data())
    assert response.status_code == 302
    assert ReportRequest.objects.count() == 1


def test_a_robot_is_thanked_without_any_check_or_trace(client, bg_label):
    response = client.post(
        bg_label.url, {"name": "", "email": "bad", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert_nothing_kept()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_a_500(client, bg_label, method):
    response = getattr(client, method)(bg_label.url)
    assert response.status_code < 500
    assert_nothing_kept()


def test_a_forged_x_forwarded_for_does_not_dodge_the_limit(
    bg_label, settings, production_trusted_proxy_count
):
    """gunicorn exposed directly (docker-compose.yml): each request claims another address."""
    settings.TRUSTED_PROXY_COUNT = production_trusted_proxy_count
    statuses = [
        Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        .post(bg_label.url, request_data())
        .status_code
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]


def test_a_sent_form_cannot_be_sent_again(en_label):
    """The signed time is good for a day, but for one request only: a replay is refused."""
    data = request_data()
    assert Client().post(en_label.url, data).status_code == 302
    replayed = Client(REMOTE_ADDR="198.51.100.77").post(en_label.url, data)
    assert replayed.status_code == 200
    assert "This form has already been sent" in errors_in(replayed)
    assert ReportRequest.objects.count() == 1 and len(mail.outbox) <= 1
    fresh = BeautifulSoup(replayed.content, "html.parser").select_one('input[name="issued"]')
    assert fresh["value"] != data["issued"]  # sending it again with a fresh one is possible


def test_two_forms_shown_in_the_same_instant_are_two_tokens():
    with time_machine.travel(datetime.timedelta(seconds=-60), tick=False):
        assert form_token() != form_token()


def test_the_page_cache_emptied_keeps_the_limits_and_the_used_tokens(bg_label):
    """A flood that fills the page cache evicts entries; at worst it empties it. The counters
    and the used tokens are kept apart, so that neither resets."""
    client = Client(REMOTE_ADDR="203.0.113.8")
    data = request_data()
    for n in range(5):
        client.post(bg_label.url, request_data(email=f"reader{n}@example.org"))
    cache.clear()
    assert client.post(bg_label.url, request_data()).status_code == 429
    assert Client().post(bg_label.url, data).status_code == 302
    cache.clear()
    assert Client(REMOTE_ADDR="198.51.100.78").post(bg_label.url, data).status_code == 200


def test_managers_are_read_from_the_environment():
    process, values = read_production_settings(
        "MANAGERS", MANAGERS="Офис на клъстера <office@example.org>, board@example.org"
    )
    assert values == {
        "MANAGERS": [["Офис на клъстера", "office@example.org"], ["", "board@example.org"]]
    }, process.stderr
    process, values = read_production_settings("MANAGERS")
    assert values == {"MANAGERS": []}, process.stderr


@pytest.mark.parametrize(
    "value",
    ["office@", "not an address", "a@example.org, ,x", "office@example.org; board@example.org"],
)
def test_a_bad_managers_value_stops_start_up_with_a_clear_message(value):
    process, values = read_production_settings("MANAGERS", MANAGERS=value)
    assert values is None
    assert "The environment variable MANAGERS" in process.stderr
