"""The seed content's English passages on Bulgarian pages are marked with their language
(``<span lang="en">``, WCAG 3.1.2)."""

from wagtail.models import Page

from sitecontent.loader import content_key


def page_for(key, locale):
    return Page.objects.get(translation_key=content_key("page", key), locale=locale).specific


def test_the_seed_contents_english_passages_are_marked_on_the_bulgarian_pages(client, locales):
    bg, en = locales
    for key, passage in [
        ("event-scse-2023", "Smart City Summit &amp; Expo 2023 X 2050 Net Zero City Expo"),
        ("news-italy", "NOI Tech Park"),
    ]:
        bulgarian = client.get(page_for(key, bg).url).content.decode()
        assert f'<span lang="en">{passage}</span>' in bulgarian, key
        english = client.get(page_for(key, en).url).content.decode()
        assert '<span lang="en">' not in english, key
