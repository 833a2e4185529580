"""Snippets in the admin: the Topic taxonomy saves both languages side by side."""

from django.urls import reverse
from django.utils import translation

from snippets.models import Topic


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
    topic = Topic.objects.get(slug="smart-cities")
    response = admin_client.get(reverse("wagtailsnippets_snippets_topic:edit", args=[topic.pk]))
    assert response.status_code == 200
    assert set(response.context["form"].fields) >= {"name_bg", "name_en", "slug", "kind"}
