"""Users in the real groups with a Bulgarian admin, and a UK news item translated into Bulgarian."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.models import HomePage
from tests.factories import NewsIndexPageFactory, NewsPageFactory, translate

# The title of the UK news item in Bulgarian, with a year its English source does not have.
WRONG_TITLE = "Работни срещи на клъстера във Великобритания през 2019 г."


@pytest.fixture
def users(db):
    made = {}
    for username, group in [("moderator_bg", "Moderators"), ("translator_bg", "Translators BG")]:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.create(user=user, preferred_language="bg")
        made[username] = user
    return made


@pytest.fixture
def news(locales):
    """An English news item about the UK workshops, translated into Bulgarian with
    wagtail-localize under the base site's homes (where the roles' permissions are):
    (the Bulgarian translation, its title segment, the Bulgarian page)."""
    bg, en = locales
    index = NewsIndexPageFactory(parent=HomePage.objects.get(locale=en))
    translate(index, bg, {"News": "Новини"})
    source = NewsPageFactory(
        parent=index,
        title="Cluster workshops in the UK",
        intro="Members met partners in London.",
        body=[("paragraph", RichText("<p>Two workshops on cluster management.</p>"))],
    )
    page = translate(
        source,
        bg,
        {
            source.title: "Работни срещи на клъстера във Великобритания",
            "Members met partners in London.": "Членовете се срещнаха с партньори в Лондон.",
            "Two workshops on cluster management.": "Две работни срещи за управление на клъстери.",
        },
    )
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=source.translation_key), target_locale=bg
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    return translation, segment, page


def put_string(client, translation, segment, value):
    url = reverse("localization_edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)
    return response
