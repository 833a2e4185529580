"""Run with `manage.py shell` by the browser tests' server fixture: an English news page whose
Bulgarian translation an editor has just requested (a draft), and the people who finish it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from pages.models import NewsIndexPage, NewsPage

PASSWORD = "a-long-e2e-password-9f3b"
for name, group in (("translator-bg", "Translators BG"), ("moderator", "Moderators")):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
# One person per role with the admin in Bulgarian, for the role-by-role link crawl.
for name, group in (
    ("bg-editor", "Editors"),
    ("bg-moderator", "Moderators"),
    ("bg-translator-bg", "Translators BG"),
    ("bg-translator-en", "Translators EN"),
):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "bg"})

en, bg = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="bg")
page = NewsPage(title="Green roofs for Sofia", slug="green-roofs-for-sofia", intro="A new guide.")
NewsIndexPage.objects.get(locale=en).add_child(instance=page)
page.save_revision().publish()
source, _created = TranslationSource.get_or_create_from_instance(page)
Translation.objects.create(source=source, target_locale=bg).save_target(publish=False)

# Translation memory (tests/e2e/test_translation_memory_panel.py): an English page whose intro is
# a sentence already translated and published into Bulgarian, and whose paragraph is that
# sentence with its last word changed; its Bulgarian translation has just been requested.
from localization.memory import memory_rows  # noqa: E402

remembered = next(
    source
    for _pk, _string, source, _data in memory_rows(en.pk, bg.pk)
    if "<" not in source and len(source.split()) >= 6
)
words = remembered.rstrip(".").split()
similar = " ".join([*words[:-1], "tomorrow"]) + "."
memory_page = NewsPage(
    title="Memory check", slug="memory-check", intro=remembered, body=[("paragraph", similar)]
)
NewsIndexPage.objects.get(locale=en).add_child(instance=memory_page)
memory_page.save_revision().publish()
memory_source, _created = TranslationSource.get_or_create_from_instance(memory_page)
Translation.objects.create(source=memory_source, target_locale=bg).save_target(publish=False)

# For the English admin's walk through docs/translating.md (test_translating_in_english.py): a
# page with no Bulgarian version yet, and one whose Bulgarian translation the source has outrun.
index = NewsIndexPage.objects.get(locale=en)
missing = NewsPage(title="Bicycle racks at Tech Park", slug="bicycle-racks", intro="Fifty racks.")
index.add_child(instance=missing)
missing.save_revision().publish()
outrun = NewsPage(title="Rain gardens in Lozenets", slug="rain-gardens", intro="Two gardens.")
index.add_child(instance=outrun)
outrun.save_revision().publish()
source, _created = TranslationSource.get_or_create_from_instance(outrun)
strings = {"Rain gardens in Lozenets": "Дъждовни градини в Лозенец", "Two gardens.": "Две градини."}
for segment in StringSegment.objects.filter(source=source).select_related("string"):
    if segment.string.data in strings:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=bg,
            context=segment.context,
            data=strings[segment.string.data],
        )
Translation.objects.create(source=source, target_locale=bg).save_target(publish=True)
outrun.intro = "Three gardens, one by the school."
outrun.save_revision().publish()

# A news item whose Bulgarian translation still has the amount its English source had before the
# amount was corrected (tests/e2e/test_translation_checks.py): a draft, its strings translated.
budget = NewsPage(
    title="Cluster budget approved",
    slug="cluster-budget-approved",
    intro="The cluster's budget of BGN 1,234,567.50 was approved.",
)
NewsIndexPage.objects.get(locale=en).add_child(instance=budget)
budget.save_revision().publish()
budget_source, _created = TranslationSource.get_or_create_from_instance(budget)
budget_translation = Translation.objects.create(source=budget_source, target_locale=bg)
for path, text in (
    ("title", "Бюджетът на клъстера е одобрен"),
    ("intro", "Бюджетът на клъстера от 1 243 567,50 лв. е одобрен."),
):
    segment = StringSegment.objects.get(source=budget_source, context__path=path)
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=bg,
        context=segment.context,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
budget_translation.save_target(publish=False)

# PO and XLIFF files (tests/e2e/test_po_and_xliff_files.py): an English news item whose Bulgarian
# translation has just been requested, untouched by the other tests.
files_page = NewsPage(
    title="Hedgehog houses in South Park",
    slug="hedgehog-houses",
    intro="Twelve houses are ready for the winter.",
)
NewsIndexPage.objects.get(locale=en).add_child(instance=files_page)
files_page.save_revision().publish()
files_source, _created = TranslationSource.get_or_create_from_instance(files_page)
Translation.objects.create(source=files_source, target_locale=bg).save_target(publish=False)
