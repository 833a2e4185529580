"""The translation editor offers only what the user may do: wagtail-localize's "Convert to alias
page" (which our view allows only to those who may publish) is not offered to others."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    ("group", "offered"), [("Editors", False), ("Translators EN", False), ("Moderators", True)]
)
def test_convert_to_alias_is_offered_only_to_those_who_may_publish(bilingual_site, group, offered):
    english_home = bilingual_site["en"]
    user = get_user_model().objects.create_user("someone", "someone@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_home.pk]))
    assert response.status_code == 200
    convert_url = reverse("wagtail_localize:convert_to_alias", args=[english_home.pk])
    assert (convert_url in response.content.decode()) is offered
