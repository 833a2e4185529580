"""Bulgarian pages get Latin slugs by the official transliteration, however they are made, and
a published page whose slug changes keeps its old address as a redirect."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from pages.models import NewsPage
from tests.factories import NewsPageFactory, bilingual_site, translate


@pytest.fixture
def site(db):
    """This module's bilingual site (the default site's root): its pages by language, then name."""
    return bilingual_site()


def bg_index(site):
    """The Bulgarian news section (its slug "novini", from its title "Новини")."""
    return site["bg"]["news"]


def test_a_page_made_without_a_slug_gets_one_from_its_bulgarian_title(site):
    page = NewsPage(title="Щастлива година за клъстера")
    bg_index(site).add_child(instance=page)
    assert page.slug == "shtastliva-godina-za-klastera"
    assert page.url_path.endswith("/novini/shtastliva-godina-za-klastera/")


def test_a_cyrillic_slug_typed_in_the_admin_becomes_latin(client, site):
    user = get_user_model().objects.create_superuser("slugger", "s@example.org", "pw")
    client.force_login(user)
    index = bg_index(site)
    url = reverse("wagtailadmin_pages:add", args=["pages", "newspage", index.pk])
    data = nested_form_data(
        {
            "title": "Нова зала",
            "slug": "нова-зала",
            "date": "2026-11-20",
            "date_precision": "day",
            "kind": "news",
            "intro": "",
            "image_alt_text": "",
            "body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            "related_organisations": inline_formset([]),
            "related_people": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    page = NewsPage.objects.child_of(index).get(title="Нова зала")
    assert page.slug == "nova-zala"
    assert client.get("/bg/novini/nova-zala/").status_code == 200


def test_english_slugs_are_left_alone(site):
    page = NewsPage(title="Hello", slug="hello-world")
    site["en"]["news"].add_child(instance=page)
    assert page.slug == "hello-world"


def translate_and_save(source_page, locale, strings):
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": strings[segment.string.data]},
            )
    translation.save_target(publish=False)
    return source.get_translated_instance(locale)


def new_english_news(site, title="Green week"):
    page = NewsPage(title=title, slug="green-week", intro="Intro.")
    site["en"]["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_translation_whose_slug_was_translated_into_cyrillic_gets_a_latin_one(site, locales):
    source = new_english_news(site)
    translated = translate_and_save(
        source, locales[0], {"Green week": "Зелена седмица", "green-week": "зелена-седмица",
                             "Intro.": "Въведение."}
    )  # fmt: skip
    assert translated.slug == "zelena-sedmitsa"


def test_a_translation_that_kept_the_english_slug_gets_one_from_its_bulgarian_title(site, locales):
    source = new_english_news(site)
    translated = translate_and_save(
        source, locales[0], {"Green week": "Зелена седмица", "Intro.": "Въведение."}
    )
    assert translated.slug == "zelena-sedmitsa"
    assert Locale.objects.get(language_code="en") == source.locale


def test_changing_a_published_slug_redirects_the_old_address(
    client, site, locales, django_capture_on_commit_callbacks
):
    english = NewsPageFactory(parent=site["en"]["news"], title="Test visits to partners")
    page = translate(english, locales[0], {"Test visits to partners": "Тестови посещения"}).specific
    assert page.live and page.slug == "testovi-poseshtenia"
    old_url = page.url
    page.title = "Работни срещи във Великобритания"
    page.slug = ""
    with django_capture_on_commit_callbacks(execute=True):  # redirects are made on commit
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "rabotni-sreshti-vav-velikobritania"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
