"""Checks of one language at a time in Wagtail's content checker (axe-core): the "Checks" panel
of the page editor's preview and the userbar's checker on the page.

- ``skc-page-language``: the page's ``<html lang>`` is its locale's language. axe-core's own
  ``valid-lang-evaluate`` (named through compat/wagtail.py) does it: given ``options.value``,
  it fails on any other language. The rule looks at ``<html>``, so the checked context is the
  whole document (Wagtail's default is ``body``).
- ``skc-passage-language``: a passage in the body's rich text in the other language's script
  (three or more words of Latin letters in a Bulgarian page, of Cyrillic letters in an English
  page) not marked with its language (``lang="en"``: the rich-text feature "Language:
  English", WCAG 3.1.2). No built-in axe check does it; its ``evaluate`` is registered by a
  small static script loaded with the userbar
  (localization/static/localization/js/language-content-checks.js), the way Wagtail
  registers its own ("check-image-alt-text") in its bundle. axe-core 4.11 (in Wagtail 8.0.1's
  userbar.js) would also take a function's source as a string, but turns it into code with
  ``new Function``, which the admin's and the site's Content-Security-Policy (no
  ``unsafe-eval``) rightly refuse.
- ``skc-translated-image-alt``: an image without alt text in a translated page (the alt text was
  left out of the translation); axe-core's own ``attr-non-space-content-evaluate`` does it.

Messages are in the admin's language (Wagtail renders the userbar in the user's preferred
language; the editor's panel is in the admin's).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from compat import wagtail as compat_wagtail
from compat import wagtail_localize as compat
from pages.wagtail_hooks import LANGUAGE_FEATURE_LABELS

PAGE_LANGUAGE = "skc-page-language"
PASSAGE_LANGUAGE = "skc-passage-language"
TRANSLATED_IMAGE_ALT = "skc-translated-image-alt"

# Elements whose own text is checked for unmarked passages (each text node belongs to the
# nearest one, so a passage is reported once).
TEXT_BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, caption, blockquote"
# Only the body's rich text (pages/templates/pages/blocks/body.html) is checked: that is where
# the editor can mark a passage ("Language: English"). Titles, introductions and the names of
# organisations in cards are plain text, and mostly proper names, which WCAG 3.1.2 exempts; run
# over the seed site, the unscoped rule flagged only such names (7 findings nobody could fix).
RICH_TEXT = ".rich-text"
PASSAGE_SELECTOR = ", ".join(f"{RICH_TEXT} {tag.strip()}" for tag in TEXT_BLOCKS.split(","))
# The other language's script on a page in each language.
FOREIGN_SCRIPT = {"bg": "latin", "en": "cyrillic"}
PASSAGE_WORDS = 3


def is_translation(page):
    """Whether the page was made by wagtail-localize from a page in another language."""
    return (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


class LanguageContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker with the checks of a page's languages added."""

    class Media:
        js = ["localization/js/language-content-checks.js"]

    def __init__(self, page, in_editor=False):
        super().__init__(in_editor=in_editor)
        self.page = page
        self.language = page.locale.language_code

    def language_rules(self):
        rules = [PAGE_LANGUAGE]
        if self.language in FOREIGN_SCRIPT:
            rules.append(PASSAGE_LANGUAGE)
        if self.page.pk and is_translation(self.page):
            rules.append(TRANSLATED_IMAGE_ALT)
        return rules

    def get_axe_include(self, request):
        return ["html"]

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), *self.language_rules()]

    def get_axe_custom_rules(self, request):
        return [
            *super().get_axe_custom_rules(request),
            {
                "id": PAGE_LANGUAGE,
                "impact": "serious",
                "selector": "html",
                "tags": ["cat.language", "wcag311"],
                "none": [PAGE_LANGUAGE],
                "enabled": True,
            },
            {
                "id": PASSAGE_LANGUAGE,
                "impact": "moderate",
                "selector": PASSAGE_SELECTOR,
                "tags": ["cat.language", "wcag312"],
                "any": [PASSAGE_LANGUAGE],
                "enabled": True,
            },
            {
                "id": TRANSLATED_IMAGE_ALT,
                "impact": "serious",
                "selector": 'img:not([role="presentation"]):not([role="none"])'
                ':not([aria-hidden="true"])',
                "tags": ["cat.text-alternatives", "wcag111"],
                "any": [TRANSLATED_IMAGE_ALT],
                "enabled": True,
            },
        ]

    def get_axe_custom_checks(self, request):
        return [
            *super().get_axe_custom_checks(request),
            {
                "id": PAGE_LANGUAGE,
                "evaluate": compat_wagtail.AXE_LANGUAGE_IN_LIST,
                "options": {"attributes": ["lang"], "value": [self.language]},
            },
            {
                "id": PASSAGE_LANGUAGE,
                "options": {
                    "language": self.language,
                    "script": FOREIGN_SCRIPT.get(self.language, ""),
                    "words": PASSAGE_WORDS,
                    "blocks": TEXT_BLOCKS,
                },
            },
            {
                "id": TRANSLATED_IMAGE_ALT,
                "evaluate": compat_wagtail.AXE_NON_EMPTY_ATTRIBUTE,
                "options": {"attribute": "alt"},
            },
        ]

    def get_axe_messages(self, request):
        other = "bg" if self.language == "en" else "en"
        return {
            **super().get_axe_messages(request),
            PAGE_LANGUAGE: {
                "error_name": _("The page's language is not its locale's"),
                "help_text": _('Its <html> element must say lang="%(code)s".')
                % {"code": self.language},
            },
            PASSAGE_LANGUAGE: {
                "error_name": _("A passage in %(language)s is not marked with its language")
                % {"language": compat.LANGUAGE_IN_RUNNING_TEXT[other]},
                "help_text": _(
                    'Select it and apply the rich-text feature "%(feature)s" (lang="%(code)s"), '
                    "so that screen readers read it in its language."
                )
                % {"feature": LANGUAGE_FEATURE_LABELS[other][1], "code": other},
            },
            TRANSLATED_IMAGE_ALT: {
                "error_name": _("An image of this translation has no alt text"),
                "help_text": _("Translate the image's alt text too."),
            },
        }


def use_language_checks(request, items, page):
    """``construct_wagtail_userbar``: Wagtail's content checker replaced by ours on a page."""
    if not isinstance(page, Page) or page.locale_id is None:
        return
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(
            item, LanguageContentCheckerItem
        ):
            items[index] = LanguageContentCheckerItem(page, in_editor=item.in_editor)
