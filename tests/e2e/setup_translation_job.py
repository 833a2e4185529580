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
