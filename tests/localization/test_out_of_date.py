"""'Out of date' that never lies (localization/outdated.py): the status report, the editors'
badges and the readers' notice say a translation is out of date, with the number of changed
segments, only while the source has changed segments the published translation lacks; the
notice appears and disappears on the cached page too."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from localization import review, status
from localization.outdated import out_of_date
from pages.dates import format_day
from tests.factories import NewsPageFactory, base_news_sections, translate


@pytest.fixture
def news(locales):
    """An English source page (in the base site's news section) and its published Bulgarian
    translation."""
    bg, _en = locales
    source = NewsPageFactory(
        parent=base_news_sections()["en"],
        title="16 + 1 summit",
        intro="The cluster met partners from sixteen countries.",
        body=[("paragraph", RichText("<p>Members presented their projects.</p>"))],
    )
    translated = translate(
        source,
        bg,
        {
            "16 + 1 summit": "Среща на върха 16 + 1",
            "The cluster met partners from sixteen countries.": (
                "Клъстерът се срещна с партньори от шестнадесет страни."
            ),
            "Members presented their projects.": "Членовете представиха проектите си.",
        },
    )
    return source, translated.specific


def translated_siblings(source, count):
    """``count`` more English news items beside ``source``, each translated into Bulgarian."""
    bg = Locale.objects.get(language_code="bg")
    for number in range(count):
        sibling = NewsPageFactory(parent=source.get_parent(), title=f"Sibling {number}")
        translate(sibling, bg, {f"Sibling {number}": f"Съсед {number}"})


def publish(page, callbacks):
    with callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()  # publish() saves another copy of the page


def row_of(page):
    rows = [row for row in status.page_rows() if row.source.translation_key == page.translation_key]
    assert len(rows) == 1
    return rows[0]


def translation_of(source_page, locale):
    return Translation.objects.get(
        source__object_id=source_page.translation_key,
        source__locale_id=source_page.locale_id,
        target_locale=locale,
    )


def translate_missing(translation_obj, prefix):
    """Translate every segment of the source that has no translation yet, as a translator does
    in the editor; returns how many."""
    missing = (
        StringSegment.objects.filter(source=translation_obj.source)
        .annotate_translation(translation_obj.target_locale)
        .filter(translation__isnull=True)
        .select_related("string", "context")
    )
    count = 0
    for segment in missing:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation_obj.target_locale,
            context=segment.context,
            data=f"{prefix} {segment.string.data}",
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        count += 1
    return count


def notice(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".translation-notice"), response.headers.get("X-Cache")


def test_the_loaded_site_has_no_translation_out_of_date(db):
    pages = list(Page.objects.filter(depth__gt=1))
    assert out_of_date(pages, pages) == {}


def test_a_source_published_without_changed_text_leaves_its_translation_up_to_date(
    news, django_capture_on_commit_callbacks
):
    source, translated = news
    publish(source, django_capture_on_commit_callbacks)
    assert row_of(source).statuses["bg"][0] == status.UP_TO_DATE
    assert out_of_date([Page.objects.get(pk=translated.pk)], [source]) == {}


def test_changed_segments_are_counted_until_the_synced_translation_is_published(
    news, locales, django_capture_on_commit_callbacks
):
    bg, _en = locales
    source, translated = news
    source.title = "UK news, revised"
    source.intro = "A new intro."
    publish(source, django_capture_on_commit_callbacks)
    texts = set(
        StringSegment.objects.filter(
            source__object_id=source.translation_key, source__locale_id=source.locale_id
        ).values_list("string__data", flat=True)
    )
    assert {"UK news, revised", "A new intro."} <= texts, "the source follows the live page"

    row = row_of(source)
    assert row.statuses["bg"][0] == status.OUT_OF_DATE and row.changed["bg"] == 2
    with translation.override("en"):
        assert row.labels()["bg"] == "Out of date: 2 changed segments"
    with translation.override("bg"):
        assert row.labels()["bg"] == "Остарял: 2 променени сегмента"
        assert status.status_label(status.OUT_OF_DATE, 1) == "Остарял: 1 променен сегмент"

    # Synced and translated as a draft: the report says draft, readers still see the old text.
    work = translation_of(source, bg)
    assert translate_missing(work, "БГ") == 2
    review.save_translation_draft(work, None)
    assert row_of(source).statuses["bg"][0] == status.DRAFT
    live = Page.objects.get(pk=translated.pk)
    assert out_of_date([live], [source])[live.pk].changed_segments == 2

    with django_capture_on_commit_callbacks(execute=True):
        work.save_target(publish=True)
    assert row_of(source).statuses["bg"][0] == status.UP_TO_DATE
    assert out_of_date([Page.objects.get(pk=translated.pk)], [source]) == {}


def test_out_of_date_costs_a_fixed_number_of_queries_for_any_number_of_pages(
    news, django_capture_on_commit_callbacks
):
    source, _translated = news
    translated_siblings(source, 12)
    source.intro = "Changed for the query budget."
    publish(source, django_capture_on_commit_callbacks)
    pages = list(Page.objects.filter(depth__gt=1))
    assert len(pages) >= 30
    with CaptureQueriesContext(connection) as queries:
        found = out_of_date(pages, pages)
    assert len(found) == 1
    assert len(queries.captured_queries) <= 3, [q["sql"][:120] for q in queries.captured_queries]
    with CaptureQueriesContext(connection) as queries:
        status.page_rows()
    # 8 for the states, out of date included, 1 for the translation memory's pre-fills and 1
    # for the machine translations to confirm.
    assert len(queries.captured_queries) <= 10


def test_the_reader_notice_appears_and_goes_on_the_cached_page(
    client, news, locales, django_capture_on_commit_callbacks
):
    bg, _en = locales
    source, translated = news
    found, _cache = notice(client, translated)
    assert found is None
    assert notice(client, translated) == (None, "HIT")

    source.intro = "A new intro for the notice."
    publish(source, django_capture_on_commit_callbacks)
    found, cache = notice(client, translated)
    assert cache == "MISS"
    source.refresh_from_db()
    with translation.override("bg"):
        day = format_day(timezone.localtime(source.last_published_at))
    assert found is not None and found["role"] == "note" and found["lang"] == "bg"
    text = " ".join(found.get_text().split())
    assert f"Английската версия на тази страница е обновена на {day} г.; преводът предстои." in text
    link = found.find("a")
    assert link["href"] == source.url and link["hreflang"] == "en" and link["lang"] == "en"
    assert link.get_text() == "Read the English version"
    assert notice(client, translated)[1] == "HIT"

    # Synced as a draft: still out of date for readers.
    work = translation_of(source, bg)
    translate_missing(work, "БГ")
    review.save_translation_draft(work, None)
    assert notice(client, translated)[0] is not None

    with django_capture_on_commit_callbacks(execute=True):
        work.save_target(publish=True)
    found, cache = notice(client, translated)
    assert found is None and cache == "MISS"


def test_an_english_translation_of_a_bulgarian_source_gets_the_notice_in_english(
    client, locales, django_capture_on_commit_callbacks
):
    bg, en = locales
    home_bg, home_en = HomePage.objects.get(locale=bg), HomePage.objects.get(locale=en)
    assert TranslationSource.objects.filter(object_id=home_bg.translation_key, locale=bg).exists()
    home_bg.intro = "Нов увод на началната страница."
    publish(home_bg, django_capture_on_commit_callbacks)
    found, _cache = notice(client, home_en)
    home_bg.refresh_from_db()
    with translation.override("en"):
        day = format_day(timezone.localtime(home_bg.last_published_at))
    assert found["lang"] == "en"
    text = " ".join(found.get_text().split())
    assert f"The Bulgarian version of this page was updated on {day}; the translation" in text
    link = found.find("a")
    assert (link["hreflang"], link["lang"]) == ("bg", "bg")
    assert link.get_text() == "Прочетете българската версия"
    assert notice(client, home_bg)[0] is None, "the original never gets the notice"


def test_editors_see_each_translations_state_in_the_explorer_and_the_page_editor(
    client, admin_client, news, django_capture_on_commit_callbacks
):
    source, translated = news
    translated_siblings(source, 1)  # (an up-to-date translation beside the out-of-date one)
    source.intro = "Changed for the badges."
    publish(source, django_capture_on_commit_callbacks)

    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[source.get_parent().pk]))
    soup = BeautifulSoup(explorer.content, "html.parser")
    badge = soup.select_one(f'a[href="/admin/pages/{translated.pk}/edit/"][data-translation-state]')
    assert badge is not None and badge["data-translation-state"] == "out_of_date"
    assert " ".join(badge.get_text().split()) == "BG: Out of date: 1 changed segment"
    states = {a["data-translation-state"] for a in soup.select("a[data-translation-state]")}
    assert states == {"out_of_date", "up_to_date"}

    user = get_user_model().objects.create_superuser("editor-bg", "bg@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="bg")
    client.force_login(user)
    # The translation editor (wagtail-localize's, with Wagtail's status side panel) and the
    # source's own page editor (its header menu, and the same side panel).
    translation_editor = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    source_editor = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    for response, selector in [
        (translation_editor, 'span[data-translation-state="out_of_date"]'),
        (source_editor, 'span[data-translation-state="out_of_date"]'),
        (source_editor, 'a[data-translation-state="out_of_date"]'),
    ]:
        badge = BeautifulSoup(response.content, "html.parser").select_one(selector)
        assert badge is not None, selector
        assert " ".join(badge.get_text().split()) == "BG: Остарял: 1 променен сегмент"


def test_a_badge_links_only_where_its_reader_may_go(
    client, news, django_capture_on_commit_callbacks
):
    """A translator sees each translation's state in the explorer of their language's tree, but
    a link only where they may go (issue 20: no dead ends): never to the other language's page."""
    source, translated = news
    source.intro = "Changed for the badges."
    publish(source, django_capture_on_commit_callbacks)
    for group, username, page, other in [
        ("Translators EN", "translator-en", source, translated),
        ("Translators BG", "translator-bg", translated, source),
    ]:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
        assert response.status_code == 200, username
        soup = BeautifulSoup(response.content, "html.parser")
        assert not soup.select(f'a[href="/admin/pages/{other.pk}/edit/"]'), username
        for link in soup.select("a[data-translation-state]"):
            assert client.get(link["href"]).status_code == 200, (username, link["href"])


def test_an_untranslated_slug_never_makes_a_translation_out_of_date(
    news, locales, django_capture_on_commit_callbacks
):
    """Translators often leave the slug segment alone (the page keeps a Latin slug): a changed
    title then counts once, not twice."""
    bg, _en = locales
    source, translated = news
    slug = StringSegment.objects.get(
        source__object_id=source.translation_key,
        source__locale_id=source.locale_id,
        context__path="slug",
    )
    StringTranslation.objects.filter(translation_of=slug.string, locale=bg).delete()
    source.title = "UK news, revised"
    publish(source, django_capture_on_commit_callbacks)
    live = Page.objects.get(pk=translated.pk)
    assert out_of_date([live], [source])[live.pk].changed_segments == 1
    assert row_of(source).changed["bg"] == 1
