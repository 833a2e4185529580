"""Publishing a translation with an error is refused (the reason in the user's admin language),
both from the translation editor and on a moderator's approval in the workflow, until a
moderator overrides the errors with a reason, which the page's history keeps."""

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from localization.quality.publishing import OVERRIDE_ACTION
from localization.quality.translation_checks import report_for
from tests.localization.conftest import WRONG_TITLE, put_string

REASON = "Годината е уточнена от автора на английския текст; ще я добави и там."


def publish(client, page):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


def override(client, translation, reason):
    url = reverse("localization_override_translation_errors", args=[translation.pk])
    return client.post(url, {"reason": reason})


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_from_the_editor_is_refused_on_an_error_until_a_moderator_overrides(
    client, users, news, django_capture_on_commit_callbacks
):
    translation, segment, page = news
    live_title = page.title
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)

    response = publish(client, page)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    [refusal] = message_texts(response)
    assert refusal.startswith("Публикуването е отказано: преводът има 1 грешка")
    assert "2019" in refusal
    page.refresh_from_db()
    assert page.title == live_title

    assert override(client, translation, "").status_code == 302
    assert not PageLogEntry.objects.filter(page=page, action=OVERRIDE_ACTION).exists()
    assert override(client, translation, REASON).status_code == 302
    entry = PageLogEntry.objects.get(page=page, action=OVERRIDE_ACTION)
    assert entry.data["reason"] == REASON and entry.user == users["moderator_bg"]
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert REASON in history.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, page)
    page.refresh_from_db()
    assert page.title == WRONG_TITLE


def test_an_override_holds_only_for_the_errors_it_was_given_for(client, users, news):
    translation, segment, page = news
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)
    override(client, translation, REASON)
    put_string(client, translation, segment, WRONG_TITLE.replace("2019", "2018"))
    response = publish(client, page)
    assert message_texts(response)[-1].startswith("Публикуването е отказано")


def test_a_translator_may_not_override(client, users, news):
    translation, segment, page = news
    client.force_login(users["translator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)
    response = override(client, translation, REASON)
    assert response.status_code in (302, 403)
    assert not PageLogEntry.objects.filter(page=page, action=OVERRIDE_ACTION).exists()


def test_approval_in_the_workflow_is_refused_on_an_error_until_overridden(
    client, users, news, django_capture_on_commit_callbacks
):
    translation, segment, page = news
    live_title = page.title
    client.force_login(users["translator_bg"])
    put_string(client, translation, segment, WRONG_TITLE)
    client.post(reverse("localization_submit_for_review", args=[translation.pk]), {"comment": ""})
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )

    client.force_login(users["moderator_bg"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve)
    assert response.status_code == 302
    assert message_texts(response)[-1].startswith("Публикуването е отказано")
    page.refresh_from_db()
    assert page.title == live_title and page.workflow_in_progress

    override(client, translation, REASON)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve)
    page.refresh_from_db()
    assert page.title == WRONG_TITLE and not page.workflow_in_progress


def test_a_translation_without_errors_publishes_as_before(
    client, users, news, django_capture_on_commit_callbacks
):
    translation, segment, page = news
    client.force_login(users["moderator_bg"])
    put_string(client, translation, segment, "Работни срещи на клъстера във Великобритания")
    with django_capture_on_commit_callbacks(execute=True):
        publish(client, page)
    page.refresh_from_db()
    assert page.title == "Работни срещи на клъстера във Великобритания"


def test_checking_a_translation_takes_a_fixed_number_of_queries(
    news, django_assert_max_num_queries
):
    translation = news[0]
    with django_assert_max_num_queries(3):
        report = report_for(translation)
    assert len(report.segments) >= 3
