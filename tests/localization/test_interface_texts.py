"""Interface texts edited in the admin (localization/interface_texts.py): a translator's change
reaches readers at once (and the cached pages showing it), is checked like the catalogue in CI,
kept with its history, and goes back into the PO catalogue."""

import re
import subprocess
import threading

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.users.models import UserProfile

from compat import django as compat
from localization import interface_texts
from localization.models import InterfaceText, InterfaceTextChange
from localization.roles import MODERATORS

HEADER_LABEL = "Search the site"
CATALOGUE_LABEL = "Търсене в сайта"
NEW_LABEL = "Търсете в целия сайт"
FOOTER = "© %(year)s Cluster Sofia Knowledge City"
PLURAL = "The PO file replaced %(count)d translation that had been made in the editor."


def edit_url(msgid, language="bg", msgctxt=""):
    return f"/admin/interface-texts/{language}/{interface_texts.message_digest(msgctxt, msgid)}/"


def signed_in(group_name, username):
    """A browser with a real session and CSRF checks, for a user of ``group_name`` whose admin
    speaks English."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    UserProfile.objects.create(user=user, preferred_language="en")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


@pytest.fixture
def post_form(django_capture_on_commit_callbacks):
    """Open the form as a person does and send it with the CSRF token it carries (what the
    change invalidates runs on commit)."""

    def post(browser, url, data, form_url=None):
        page = browser.get(form_url or url)
        assert page.status_code == 200, page.status_code
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        with django_capture_on_commit_callbacks(execute=True):
            return browser.post(url, {**data, "csrfmiddlewaretoken": token[1]})

    return post


@pytest.fixture
def translator_bg(db):
    return signed_in("Translators BG", "translator-bg")


@pytest.fixture(autouse=True)
def catalogue_back_to_normal():
    """The overlay is process-wide: drop it after each test (the next request reloads it)."""
    yield
    interface_texts._loaded.clear()
    trans_real._translations.clear()
    translation.activate("bg")


def test_compat_overlay_wins_over_the_catalogue():
    with translation.override("bg"):
        assert translation.gettext(HEADER_LABEL) == CATALOGUE_LABEL
        first = {HEADER_LABEL: "Първи"}
        compat.install_overlay("bg", first)
        assert compat.overlay_installed("bg", first)
        assert translation.gettext(HEADER_LABEL) == "Първи"
        second = {}
        compat.install_overlay("bg", second, previous=first)
        assert not compat.overlay_installed("bg", first)
        assert translation.gettext(HEADER_LABEL) == CATALOGUE_LABEL
        plural = {(PLURAL, 0): "един", (PLURAL, 1): "много"}
        compat.install_overlay("bg", plural, previous=second)
        assert translation.ngettext(PLURAL, PLURAL, 1) == "един"
        assert translation.ngettext(PLURAL, PLURAL, 5) == "много"
        trans_real._translations.clear()  # as Django does when LOCALE_PATHS change
        assert not compat.overlay_installed("bg", plural)


def test_a_bulgarian_translator_changes_the_header_label_and_the_next_reader_sees_it(
    translator_bg, bilingual_site, post_form
):
    reader = Client()
    reader.get("/bg/")
    cached = reader.get("/bg/")
    assert cached["X-Cache"] == "HIT" and CATALOGUE_LABEL in cached.content.decode()

    saved = post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": NEW_LABEL})

    assert saved.status_code == 302
    fresh = reader.get("/bg/")
    assert fresh["X-Cache"] == "MISS", "the page cache entry showing the label was refreshed"
    assert NEW_LABEL in fresh.content.decode() and CATALOGUE_LABEL not in fresh.content.decode()
    assert reader.get("/bg/")["X-Cache"] == "HIT"
    english = reader.get("/en/").content.decode()
    assert HEADER_LABEL in english and NEW_LABEL not in english
    change = InterfaceTextChange.objects.get(msgid=HEADER_LABEL)
    assert change.changed_by.username == "translator-bg"
    assert (change.old_forms, change.new_forms) == ([], [NEW_LABEL])


def test_a_request_reads_no_overrides_from_the_database_when_nothing_changed(
    bilingual_site, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    interface_texts.refresh_overrides()
    with django_assert_num_queries(0):
        interface_texts.refresh_overrides()


def test_an_english_translator_cannot_edit_the_bulgarian_texts(db, post_form):
    translator_en = signed_in("Translators EN", "translator-en")
    assert translator_en.get("/admin/interface-texts/bg/").status_code == 403
    assert translator_en.get(edit_url(HEADER_LABEL)).status_code == 403
    # A real POST with a valid CSRF token (from a form this translator may open).
    posted = post_form(
        translator_en, edit_url(HEADER_LABEL), {"form_0": NEW_LABEL}, form_url="/admin/account/"
    )
    assert posted.status_code == 403
    assert not InterfaceText.objects.exists()
    refusal = translator_en.get("/admin/interface-texts/")
    assert refusal.status_code == 403
    assert "only by moderators and the translators of its language" in refusal.content.decode()


def test_moderators_see_every_message_with_its_status_and_origin(db, post_form):
    moderator = signed_in(MODERATORS, "moderator")
    listing = moderator.get("/admin/interface-texts/bg/?q=search+the+site").content.decode()
    assert HEADER_LABEL in listing and CATALOGUE_LABEL in listing
    assert "config/templates/base.html" in listing and "Translated" in listing
    post_form(moderator, edit_url(HEADER_LABEL), {"form_0": NEW_LABEL})
    changed = moderator.get("/admin/interface-texts/bg/?status=changed").content.decode()
    assert NEW_LABEL in changed and "Changed in the admin" in changed and FOOTER not in changed
    assert "Interface texts" in moderator.get("/admin/").content.decode()


def test_a_bad_placeholder_is_refused_with_a_clear_message_and_nothing_saved(
    translator_bg, post_form
):
    refused = post_form(
        translator_bg, edit_url(FOOTER), {"form_0": "© Клъстер „София – град на знанието“"}
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Keep the placeholders of the source text exactly as they are" in page
    assert "missing: %(year)s" in page
    assert not InterfaceText.objects.exists() and not InterfaceTextChange.objects.exists()


def test_markup_and_plural_forms_are_checked_like_the_catalogue(translator_bg, post_form):
    markup = post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": "Търсене <b>в сайта</b>"})
    assert "Keep the HTML markup of the source text exactly as it is." in markup.content.decode()
    plural = post_form(translator_bg, edit_url(PLURAL), {"form_0": "един", "form_1": ""})
    assert "The translation cannot be empty." in plural.content.decode()
    assert not InterfaceText.objects.exists()


def test_revert_restores_the_previous_text(translator_bg, bilingual_site, post_form):
    post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": "Първи текст"})
    post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": "Втори текст"})
    second, first = InterfaceTextChange.objects.filter(msgid=HEADER_LABEL)
    revert_second = edit_url(HEADER_LABEL) + f"revert/{second.pk}/"
    post_form(translator_bg, revert_second, {}, form_url=edit_url(HEADER_LABEL))
    assert InterfaceText.objects.get(msgid=HEADER_LABEL).msgstr == "Първи текст"
    assert "Първи текст" in Client().get("/bg/").content.decode()

    revert_first = edit_url(HEADER_LABEL) + f"revert/{first.pk}/"
    post_form(translator_bg, revert_first, {}, form_url=edit_url(HEADER_LABEL))
    assert not InterfaceText.objects.exists()
    assert CATALOGUE_LABEL in Client().get("/bg/").content.decode()
    assert InterfaceTextChange.objects.count() == 4


def test_export_writes_the_overrides_into_a_po_file_that_msgfmt_accepts(
    translator_bg, tmp_path, post_form
):
    post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": NEW_LABEL})
    post_form(
        translator_bg,
        edit_url(PLURAL),
        {"form_0": "Заменен %(count)d превод.", "form_1": "Заменени %(count)d превода."},
    )
    exported = tmp_path / "django.po"

    call_command("export_interface_texts", "--output", str(exported))

    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(exported)], check=True)  # noqa: S607
    catalogue = polib.pofile(str(exported))
    assert catalogue.find(HEADER_LABEL).msgstr == NEW_LABEL
    assert catalogue.find(PLURAL).msgstr_plural[1] == "Заменени %(count)d превода."
    assert len(catalogue) == len(polib.pofile(str(interface_texts.catalogue_path("bg"))))


def test_import_loads_a_po_files_changed_translations_as_overrides(db, tmp_path):
    incoming = polib.POFile()
    incoming.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "bg"}
    incoming.append(polib.POEntry(msgid=HEADER_LABEL, msgstr=NEW_LABEL))
    incoming.append(polib.POEntry(msgid=FOOTER, msgstr="Без година", flags=["python-format"]))
    incoming.append(polib.POEntry(msgid="Not one of ours", msgstr="Не е наш"))
    path = tmp_path / "incoming.po"
    incoming.save(str(path))

    call_command("import_interface_texts", str(path))

    assert list(InterfaceText.objects.values_list("msgid", "msgstr")) == [(HEADER_LABEL, NEW_LABEL)]
    with translation.override("bg"):
        interface_texts.refresh_overrides()
        assert translation.gettext(HEADER_LABEL) == NEW_LABEL


def preview(browser, post_form, msgid, text):
    """The edit form's "Preview" button: the form posted to the preview address."""
    url = edit_url(msgid)
    return post_form(browser, url + "preview/", {"form_0": text}, form_url=url)


def test_a_preview_shows_the_unsaved_label_marked_on_the_home_page_and_keeps_nothing(
    translator_bg, bilingual_site, post_form
):
    reader = Client()
    reader.get("/bg/")
    assert reader.get("/bg/")["X-Cache"] == "HIT"
    form = translator_bg.get(edit_url(HEADER_LABEL)).content.decode()
    assert "data-interface-text-preview" in form and "/bg/" in form

    shown = preview(translator_bg, post_form, HEADER_LABEL, NEW_LABEL)

    assert shown.status_code == 200
    assert f'<mark data-interface-text-preview="">{NEW_LABEL}</mark>' in shown.content.decode()
    assert "no-cache" in shown["Cache-Control"] and "private" in shown["Cache-Control"]
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert not InterfaceText.objects.exists() and not InterfaceTextChange.objects.exists()
    cached = reader.get("/bg/")
    assert cached["X-Cache"] == "HIT" and CATALOGUE_LABEL in cached.content.decode()
    fresh = Client(headers={"cookie": "a=b"}).get("/bg/?fresh=1").content.decode()
    assert CATALOGUE_LABEL in fresh and NEW_LABEL not in fresh
    with translation.override("bg"):
        assert translation.gettext(HEADER_LABEL) == CATALOGUE_LABEL


def test_a_preview_answers_only_in_the_thread_that_renders_it(db):
    entry = next(m.entry for m in interface_texts.messages("bg") if m.entry.msgid == HEADER_LABEL)
    seen_elsewhere = []

    def other_request():
        with translation.override("bg"):
            seen_elsewhere.append(translation.gettext(HEADER_LABEL))

    with interface_texts.previewing("bg", entry, [NEW_LABEL]), translation.override("bg"):
        assert translation.gettext(HEADER_LABEL) == NEW_LABEL
        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
    assert seen_elsewhere == [CATALOGUE_LABEL]


def test_a_preview_of_a_bad_placeholder_shows_the_error_and_saves_nothing(
    translator_bg, bilingual_site, post_form
):
    shown = preview(translator_bg, post_form, FOOTER, "© Клъстер")
    page = shown.content.decode()
    assert shown.status_code == 200
    assert "Not previewed: correct the errors." in page and "missing: %(year)s" in page
    assert not InterfaceText.objects.exists()


def test_a_text_no_public_page_shows_says_so_instead_of_a_preview(translator_bg, post_form):
    admin_only = "Changes requested in your translations"  # a dashboard panel's heading
    form = translator_bg.get(edit_url(admin_only)).content.decode()
    assert "data-no-preview" in form and "data-interface-text-preview" not in form
    shown = preview(translator_bg, post_form, admin_only, "Поискани промени")
    assert "No public page shows this text" in shown.content.decode()
    assert not InterfaceText.objects.exists()


def test_a_text_marked_needs_review_is_kept_but_not_shown_to_readers(
    translator_bg, bilingual_site, post_form
):
    post_form(translator_bg, edit_url(HEADER_LABEL), {"form_0": NEW_LABEL, "needs_review": "on"})
    kept = InterfaceText.objects.get(msgid=HEADER_LABEL)
    assert (kept.msgstr, kept.status) == (NEW_LABEL, InterfaceText.Status.FUZZY)
    page = Client().get("/bg/").content.decode()
    assert CATALOGUE_LABEL in page and NEW_LABEL not in page


PROJECT_HINT = "E.g. BG16RFOP002-2.009-0018-C01."


def test_the_translation_checks_refuse_a_changed_project_code_and_save_a_correct_text(
    translator_bg, post_form
):
    wrong = post_form(
        translator_bg, edit_url(PROJECT_HINT), {"form_0": "Напр. BG16RFOP002-2.009-0081-C01."}
    )
    assert wrong.status_code == 200
    page = wrong.content.decode()
    assert "Project or document codes differ" in page
    assert "missing: BG16RFOP002-2.009-0018-C01" in page
    assert not InterfaceText.objects.exists()

    correct = post_form(
        translator_bg, edit_url(PROJECT_HINT), {"form_0": "Напр. BG16RFOP002-2.009-0018-C01."}
    )
    assert correct.status_code == 302
    assert InterfaceText.objects.get().msgstr == "Напр. BG16RFOP002-2.009-0018-C01."


def test_a_warning_of_the_checks_is_shown_and_the_text_saved(translator_bg, post_form):
    saved = post_form(
        translator_bg, edit_url(PROJECT_HINT), {"form_0": "Напр. BG16RFOP002-2.009-0018-C01"}
    )
    assert saved.status_code == 302
    assert InterfaceText.objects.get().msgstr == "Напр. BG16RFOP002-2.009-0018-C01"
    shown = translator_bg.get(saved["Location"]).content.decode()
    assert "Check the text: The punctuation at the end differs from the source." in shown


def test_a_brace_placeholder_must_be_kept(db):
    translation.activate("en")
    entry = polib.POEntry(msgid="Hello {name}, see {count} news.")
    assert (
        interface_texts.validation_errors("bg", entry, ["Здравей {name}, вижте {count} новини."])
        == []
    )
    [error] = interface_texts.validation_errors(
        "bg", entry, ["Здравей {име}, вижте {count} новини."]
    )
    assert "missing: {name}" in error and "not in the source text: {име}" in error
