"""A translator's work goes through the moderators; a translated page can be scheduled."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage
from tests.factories import NewsIndexPageFactory, NewsPageFactory, translate


@pytest.fixture
def translated_news(locales):
    """A live Bulgarian news page, translated from its English source with wagtail-localize,
    under the base site's home pages (where the roles' page permissions and workflow are)."""
    bg, en = locales
    index = NewsIndexPageFactory(parent=HomePage.objects.get(locale=en))
    translate(index, bg, {"News": "Новини"})
    source = NewsPageFactory(parent=index, title="Cluster workshops in the UK")
    return translate(source, bg, {"Cluster workshops in the UK": "Работни срещи"})


def user_in(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_translators_change_is_published_only_when_a_moderator_approves(translated_news):
    translator = user_in("Translators BG", "tr")
    moderator = user_in("Moderators", "mod")
    page = translated_news
    assert not page.permissions_for_user(translator).can_publish()
    page.intro = "Нов увод от преводача."
    page.save_revision(user=translator)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"
    state = workflow.start(page, translator)
    page.refresh_from_db()
    assert page.intro != "Нов увод от преводача.", "not live before approval"
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.intro == "Нов увод от преводача."


def test_a_translated_page_can_be_scheduled(translated_news):
    page = translated_news
    page.title = "Насрочено заглавие"
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision.save()
    assert Page.objects.get(pk=page.pk).title != "Насрочено заглавие"
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).title == "Насрочено заглавие"
