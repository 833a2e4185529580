"""Snippets in the admin: the Topic taxonomy saves both languages side by side."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation

from snippets.models import Topic
from tests.factories import (
    EUAcknowledgementFactory,
    FundingProgrammeFactory,
    OrganisationFactory,
    PersonFactory,
    TopicFactory,
    translate,
)


def test_topic_admin_form_saves_both_languages(admin_client):
    url = reverse("wagtailsnippets_snippets_topic:add")
    response = admin_client.post(
        url, {"name_bg": "Зелена енергия", "name_en": "Green energy", "slug": "green-energy",
              "kind": "sector"}
    )  # fmt: skip
    assert response.status_code == 302
    topic = Topic.objects.get(slug="green-energy")
    assert (topic.name_bg, topic.name_en) == ("Зелена енергия", "Green energy")
    with translation.override("en"):
        assert str(topic) == "Green energy"
    with translation.override("bg"):
        assert str(topic) == "Зелена енергия"


def test_topic_needs_both_languages(admin_client):
    url = reverse("wagtailsnippets_snippets_topic:add")
    response = admin_client.post(
        url, {"name_bg": "Само български", "slug": "only-bg", "kind": "theme"}
    )
    assert response.status_code == 200
    assert "name_en" in response.context["form"].errors
    assert not Topic.objects.filter(slug="only-bg").exists()


def test_topic_edit_form_shows_both_language_fields(admin_client):
    topic = TopicFactory(name="Smart cities", name_en="Smart cities", name_bg="Умни градове")
    response = admin_client.get(reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk]))
    assert response.status_code == 200
    assert set(response.context["form"].fields) >= {"name_bg", "name_en", "slug", "kind"}


TRANSLATABLE_SNIPPETS = ["organisation", "person", "fundingprogramme", "euacknowledgement"]
SNIPPET_LINK = re.compile(r'href="(/admin/snippets/snippets/(\w+)/(edit|delete|copy|add)/([^"]*))"')


@pytest.fixture
def snippets(locales):
    """One of each translatable snippet in English, translated into Bulgarian (a person is
    translated after their organisation, as wagtail-localize requires)."""
    bg = locales[0]
    organisation = OrganisationFactory()
    translate(organisation, bg, {})
    for snippet in (
        PersonFactory(organisation=organisation),
        FundingProgrammeFactory(),
        EUAcknowledgementFactory(),
    ):
        translate(snippet, bg, {})


@pytest.mark.parametrize("language", ["bg", "en"])
@pytest.mark.parametrize("model_name", TRANSLATABLE_SNIPPETS)
def test_translators_snippet_listing_links_only_to_their_language(snippets, language, model_name):
    """A translator confined to one language sees, in every listing of a translatable snippet
    (in either locale), edit/copy/delete links only for items in their language and an add
    link only for their language: the other language's addresses refuse them."""
    other = "en" if language == "bg" else "bg"
    user = get_user_model().objects.create_user(f"tr-{language}", "tr@example.org", "pw")
    user.groups.add(Group.objects.get(name=f"Translators {language.upper()}"))
    client = Client()
    client.force_login(user)
    model = apps.get_model("snippets", model_name)
    listing = reverse(f"wagtailsnippets_snippets_{model_name}:list")
    own_items = 0
    for shown_locale in ("", f"?locale={language}", f"?locale={other}"):
        html = client.get(listing + shown_locale).content.decode()
        for url, linked_model, action, rest in SNIPPET_LINK.findall(html):
            assert linked_model == model_name, url
            if action == "add":
                assert f"locale={language}" in rest, url
                continue
            item = model.objects.get(pk=rest.split("/")[0])
            assert item.locale.language_code == language, url
            own_items += 1
    if model.objects.filter(locale__language_code=language).exists():
        assert own_items, "no edit link for the translator's own language"
