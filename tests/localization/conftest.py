"""Users in the real groups with a Bulgarian admin, and the seed's UK news translation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from pages.models import NewsPage
from sitecontent.loader import content_key

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
    """(the Bulgarian translation, its title segment, the Bulgarian page)."""
    bg, _en = locales
    key = content_key("page", "news-uk")
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=key), target_locale=bg
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    return translation, segment, NewsPage.objects.get(translation_key=key, locale=bg)


def put_string(client, translation, segment, value):
    url = reverse("localization_edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)
    return response
