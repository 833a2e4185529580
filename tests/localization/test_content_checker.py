"""The content checker's language checks (localization/quality/content_checker.py): the axe
configuration Wagtail hands to the editor's "Checks" panel and to the userbar on the page."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from localization.quality.content_checker import (
    PAGE_LANGUAGE,
    PASSAGE_LANGUAGE,
    TRANSLATED_IMAGE_ALT,
)
from tests.factories import NewsPageFactory, bilingual_site, translate


def axe_configuration(html):
    found = re.search(
        r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>',
        html,
        re.DOTALL,
    )
    assert found, "no content checker configuration"
    return json.loads(found[1])


@pytest.fixture
def news(locales):
    """An English news item and its Bulgarian translation, by language."""
    bg, _en = locales
    english = NewsPageFactory(parent=bilingual_site()["en"]["news"], title="Work meetings")
    return {"en": english, "bg": translate(english, bg, {"Work meetings": "Работни срещи"})}


def editor_configuration(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return axe_configuration(response.content.decode())


def checks_by_id(configuration):
    return {check["id"]: check for check in configuration["spec"]["checks"]}


def test_the_userbar_checks_a_bulgarian_translation_in_the_users_bulgarian(client, news):
    """A translated page is edited in wagtail-localize's editor (no Checks panel): its checker
    is the userbar's, on the page and in its preview."""
    user = get_user_model().objects.create_superuser("admin-bg", "bg@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="bg")
    client.force_login(user)
    html = client.get(news["bg"].url).content.decode()
    assert re.search(r'<script src="[^"]*localization/js/language-content-checks\.js', html)
    configuration = axe_configuration(html)

    run = configuration["options"]["runOnly"]
    assert {PAGE_LANGUAGE, PASSAGE_LANGUAGE, TRANSLATED_IMAGE_ALT} <= set(run)
    assert "link-name" in run  # Wagtail's own checks stay
    assert configuration["context"]["include"] == ["html"]
    checks = checks_by_id(configuration)
    assert checks[PAGE_LANGUAGE] == {
        "id": PAGE_LANGUAGE,
        "evaluate": "valid-lang-evaluate",
        "options": {"attributes": ["lang"], "value": ["bg"]},
    }
    assert checks[PASSAGE_LANGUAGE]["options"]["script"] == "latin"
    assert checks[PASSAGE_LANGUAGE]["options"]["language"] == "bg"
    assert "evaluate" not in checks[PASSAGE_LANGUAGE]  # registered by the static script
    assert checks[TRANSLATED_IMAGE_ALT]["evaluate"] == "attr-non-space-content-evaluate"
    rules = {rule["id"]: rule for rule in configuration["spec"]["rules"]}
    assert rules[PAGE_LANGUAGE]["selector"] == "html"
    assert rules[PAGE_LANGUAGE]["none"] == [PAGE_LANGUAGE]
    # Only the body's rich text, where the editor can mark a passage.
    assert all(
        selector.startswith(".rich-text ")
        for selector in rules[PASSAGE_LANGUAGE]["selector"].split(", ")
    )
    messages = configuration["messages"]
    assert messages[PASSAGE_LANGUAGE]["error_name"] == (
        "Пасаж на английски не е отбелязан с езика си"
    )
    assert "„Език: английски“" in messages[PASSAGE_LANGUAGE]["help_text"]
    assert 'lang="bg"' in messages[PAGE_LANGUAGE]["help_text"]


def test_the_editors_checks_panel_on_an_english_source_looks_for_cyrillic(admin_client, news):
    configuration = editor_configuration(admin_client, news["en"])
    run = configuration["options"]["runOnly"]
    assert PAGE_LANGUAGE in run and PASSAGE_LANGUAGE in run
    assert TRANSLATED_IMAGE_ALT not in run  # the English news is a source, not a translation
    checks = checks_by_id(configuration)
    assert checks[PAGE_LANGUAGE]["options"]["value"] == ["en"]
    assert checks[PASSAGE_LANGUAGE]["options"]["script"] == "cyrillic"
    assert configuration["messages"][PASSAGE_LANGUAGE]["error_name"] == (
        "A passage in Bulgarian is not marked with its language"
    )
