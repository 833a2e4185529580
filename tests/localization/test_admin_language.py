"""A user's admin language: Bulgarian for a new user whatever their browser asks for, English once
they choose it in Account settings; the admin's `<html lang>` follows the choice."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def html_lang(response):
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def form_data(response):
    """What the account settings form would send back as it stands (every panel is bound)."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        if kind in ("submit", "file") or (
            kind in ("checkbox", "radio") and not field.has_attr("checked")
        ):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        else:
            data[field["name"]] = field.get("value", "")
    return data


@pytest.fixture
def new_editor(client, db):
    """A member of the Editors group, made the ordinary way (no profile chosen), signed in."""
    user = get_user_model().objects.create_user(
        "new-editor", "new-editor@example.org", "pw", first_name="Мария", last_name="Петрова"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_a_new_users_admin_is_bulgarian_even_when_the_browser_asks_for_english(client, new_editor):
    response = client.get("/admin/", **ENGLISH_BROWSER)
    assert response.status_code == 200
    assert html_lang(response) == "bg"
    assert "Табло" in response.content.decode()
    assert UserProfile.get_for_user(new_editor).preferred_language == "bg"


def test_a_user_switches_to_english_in_account_settings(client, new_editor):
    settings_page = client.get("/admin/account/", **ENGLISH_BROWSER)
    assert html_lang(settings_page) == "bg"
    language = BeautifulSoup(settings_page.content, "html.parser").select_one(
        "select[name='locale-preferred_language']"
    )
    assert {option["value"] for option in language.select("option")} >= {"bg", "en"}

    data = {**form_data(settings_page), "locale-preferred_language": "en"}
    response = client.post("/admin/account/", data, **ENGLISH_BROWSER)
    assert response.status_code == 302, "the settings were saved"
    assert html_lang(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="bg")) == "en"
    assert UserProfile.get_for_user(new_editor).preferred_language == "en"
    assert html_lang(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="bg")) == "en"


def test_a_chosen_language_is_kept_when_the_profile_is_made(db):
    user = get_user_model().objects.create_user("english-editor", "e@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    assert UserProfile.get_for_user(user).preferred_language == "en"


def test_the_sign_in_page_labels_the_password_in_bulgarian(client, db):
    """Wagtail's login form gives its password field no label; Django's "Password", made from
    the field's name, is not a message."""
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="bg")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "bg"
    label = soup.select_one("label[for=id_password]").get_text(" ", strip=True)
    assert label.startswith("Парола"), label
