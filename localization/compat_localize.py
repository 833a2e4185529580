"""wagtail-localize's private behaviour this project relies on, in one place (one compat module per
library, docs: CONVENTIONS). Each use says why, and tests/localization/test_localize_compat.py
pins it, so an upgrade that changes it fails a test instead of silently showing English again.

1. The translation editor's section heading is not a translatable message: wagtail-localize
   1.14's React bundle (wagtail_localize/static/wagtail_localize/js/wagtail-localize.js) builds it
   as `${sourceLocale.displayName} to ${locale.displayName} translation`, so a Bulgarian translator
   read "Английски to Български translation". No upstream issue was found for it (to be filed
   against wagtail/wagtail-localize: "translation editor heading is not translatable"). The
   package's template `wagtail_localize/admin/edit_translation.html` is extended by ours, which
   hands a small script both texts (`translation_editor_headings`); the script swaps the bundle's
   heading for ours (localization/static/localization/js/translation-editor-heading.js).
2. The translation editor's note under each string ("Translated manually on 30 November 2026")
   formats its date with `strftime`, so the month is English whatever the admin's language
   (`StringTranslation.get_comment`, wagtail-localize 1.14). `localize_translation_comment_dates`
   (called from LocalizationConfig.ready) wraps that method to write the date as the rest of the
   site does (pages/dates.py: "30 ноември 2026"); to be filed upstream as "string translation
   comments are not localized".
"""

from django.utils.translation import gettext, pgettext_lazy

BUNDLE_HEADING = "{source} to {target} translation"
LANGUAGE_IN_RUNNING_TEXT = {
    "bg": pgettext_lazy("language name in running text", "Bulgarian"),
    "en": pgettext_lazy("language name in running text", "English"),
}


def translation_editor_headings(source_locale, target_locale):
    """(the heading wagtail-localize's bundle writes, the heading in the admin's language)."""
    bundle_heading = BUNDLE_HEADING.format(
        source=source_locale.get_display_name(), target=target_locale.get_display_name()
    )
    heading = gettext("Translation from %(source)s into %(target)s") % {
        "source": in_running_text(source_locale),
        "target": in_running_text(target_locale),
    }
    return bundle_heading, heading


def in_running_text(locale):
    """A locale's language as a sentence names it ("английски" in Bulgarian, "English")."""
    name = LANGUAGE_IN_RUNNING_TEXT.get(locale.language_code)
    return str(name) if name is not None else locale.get_display_name()


def localize_translation_comment_dates():
    """Wrap ``StringTranslation.get_comment`` so that its date follows the active language
    (item 2 above): the message is translated by the catalogues, the date is formatted here."""
    from wagtail_localize.compat import DATE_FORMAT
    from wagtail_localize.models import StringTranslation

    from pages.dates import format_day

    original = StringTranslation.get_comment
    if getattr(original, "localizes_dates", False):
        return

    def get_comment(self):
        comment = original(self)
        english_date = self.updated_at.strftime(DATE_FORMAT)
        return comment.replace(english_date, format_day(self.updated_at)) if comment else comment

    get_comment.localizes_dates = True
    StringTranslation.get_comment = get_comment
