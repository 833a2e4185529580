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
   heading for ours (localization/static/localization/js/translation-editor-heading.js). The
   same bundle labels its footer's menu button "More actions" for screen readers, a literal
   (common/components/ActionMenu): the script swaps it for the admin's language's label too.
2. The translation editor's note under each string ("Translated manually on 30 November 2026")
   formats its date with `strftime`, so the month is English whatever the admin's language
   (`StringTranslation.get_comment`, wagtail-localize 1.14). `localize_translation_comment_dates`
   (called from LocalizationConfig.ready) wraps that method to write the date as the rest of the
   site does (pages/dates.py: "30 ноември 2026"); to be filed upstream as "string translation
   comments are not localized".
3. Its admin views are replaced by stricter ones (object and language permission checks, PO
   upload errors as messages, the review lock: docs/upstream/) at the same addresses:
   ``shadow`` makes a URL pattern for ``/admin/localize/<route>``, registered by our app's
   ``register_admin_urls`` hook, which runs before wagtail-localize's (the app comes first in
   INSTALLED_APPS), so ours wins by URL order. wagtail-localize has no setting to replace its
   views; tests/compat/test_compat.py checks that each shadowed route is still one of its own and
   resolves to ours.
4. A passage marked with its language (``<span lang="en">``, the rich-text features "Language:
   English/Bulgarian", pages/wagtail_hooks.py) must reach the translation. wagtail-localize 1.14
   allows only the tags in ``wagtail_localize.strings.INLINE_TAGS`` inside a segment, and no
   attribute but an ``<a>``'s id (``validate_element``): a ``<span>`` is taken for a block, which
   cuts the sentence around it into separate segments, and a translator cannot mark a passage
   the source does not mark. ``carry_language_of_parts`` (called from LocalizationConfig.ready)
   adds ``span`` to ``INLINE_TAGS`` (its ``lang`` is then kept with the segment's attributes as
   ``<span id="span1">``, the way an ``<a>``'s href is), lets a translation hold ``<span
   id="…">`` of its source and ``<span lang="…">`` in a site language, and refuses a span id the
   source does not have (``validate_translation_links``, which checks ``<a>`` ids the same way).
   Upstream the inline tags are fixed too: to be filed as "allow <span lang> in segments".
5. The translation editor has no way to annotate a segment (e.g. with quality findings): it shows
   under each translated segment the string translation's `comment`, or its `error` with a red
   warning sign (the bundle: `isErrored:!!e.error,comment:e.error?e.error:e.comment`), read from
   the props' `initialStringTranslations` and from the answer of its save-string API (both
   `StringTranslationSerializer` dicts keyed by `segment_id`). `string_translations_in_props` and
   `add_segment_note` put our findings there (localization/quality/editor.py); no upstream issue
   found (to be filed: "let projects annotate segments in the translation editor").
6. ``PageIndex.from_database`` (wagtail_localize/synctree.py, 1.14.5), which builds the index
   behind "Synchronise from" (``LocaleSynchronization``: aliases of a locale's whole tree, run
   when a locale's sync is saved) and the ``sync_locale_trees`` command, issues five queries per
   page of the site: the parent, its content type, its locale, and the two lookups of the
   locales that have the page or an alias of it. wagtail-localize#953 (merged after 1.14.5,
   "Reduce PageIndex.from_database() to a constant query count") reads the tree once and builds
   those from three mappings; ``read_page_index_in_constant_queries`` (called from
   LocalizationConfig.ready) does the same until a release has it. It is not on the path of a
   subtree translation ("Translate" with "Include subtree", localization/tasks.py), which never
   builds a ``PageIndex``: that path's cost per page is constant already (docs/performance.md).
"""

from collections import defaultdict

from bs4 import BeautifulSoup, Tag
from django.conf import settings
from django.urls import path
from django.utils.translation import gettext, pgettext_lazy

BUNDLE_HEADING = "{source} to {target} translation"
BUNDLE_MORE_ACTIONS = "More actions"  # the footer menu button's hidden label in the bundle
LANGUAGE_IN_RUNNING_TEXT = {
    "bg": pgettext_lazy("language name in running text", "Bulgarian"),
    "en": pgettext_lazy("language name in running text", "English"),
}


def translation_editor_headings(source_locale, target_locale):
    """(the heading wagtail-localize's bundle writes, the heading in the admin's language, the
    footer menu button's hidden label in the bundle, the same in the admin's language)."""
    bundle_heading = BUNDLE_HEADING.format(
        source=source_locale.get_display_name(), target=target_locale.get_display_name()
    )
    heading = gettext("Translation from %(source)s into %(target)s") % {
        "source": in_running_text(source_locale),
        "target": in_running_text(target_locale),
    }
    return bundle_heading, heading, BUNDLE_MORE_ACTIONS, gettext("More actions")


def in_running_text(locale):
    """A locale's language as a sentence names it ("английски" in Bulgarian, "English")."""
    name = LANGUAGE_IN_RUNNING_TEXT.get(locale.language_code)
    return str(name) if name is not None else locale.get_display_name()


def localize_translation_comment_dates(format_day, tool_names=None):
    """Wrap ``StringTranslation.get_comment`` so that its date follows the active language
    (item 2 above): the message is translated by the catalogues, the date is written by
    ``format_day`` (a date -> text in the active language). ``tool_names``: our tools'
    ``tool_name`` (stored in English, which the comment puts as it is) -> its lazy translation
    ("Translated with translation memory", localization/memory.py; "XLIFF file")."""
    from wagtail_localize.compat import DATE_FORMAT
    from wagtail_localize.models import StringTranslation

    original = StringTranslation.get_comment
    if getattr(original, "localizes_dates", False):
        return

    tool_names = tool_names or {}

    def get_comment(self):
        comment = original(self)
        if not comment:
            return comment
        english_date = self.updated_at.strftime(DATE_FORMAT)
        comment = comment.replace(english_date, format_day(self.updated_at))
        if self.tool_name in tool_names:
            comment = comment.replace(self.tool_name, str(tool_names[self.tool_name]))
        return comment

    get_comment.localizes_dates = True
    StringTranslation.get_comment = get_comment


SHADOWED_ROUTES: dict[str, str] = {}  # route: our URL name


def shadow(route, view, name):
    """A URL pattern answering wagtail-localize's own admin address ``localize/<route>`` with
    ``view`` (item 3 above)."""
    SHADOWED_ROUTES[route] = name
    return path(f"localize/{route}", view, name=name)


def localize_routes() -> set[str]:
    """The routes of wagtail-localize's own admin views (under ``localize/``)."""
    from wagtail_localize.wagtail_hooks import register_admin_urls

    (included,) = register_admin_urls()
    return {str(pattern.pattern) for pattern in included.url_patterns}


def span_ids(html):
    soup = BeautifulSoup(html, "html.parser")
    return {span["id"] for span in soup.find_all("span") if span.has_attr("id")}


def carry_language_of_parts():
    """Let ``<span lang>`` through wagtail-localize's segments (item 4 above)."""
    from wagtail_localize import models, strings

    if "span" in strings.INLINE_TAGS:
        return
    strings.INLINE_TAGS.append("span")
    codes = {code for code, _name in settings.LANGUAGES}
    original_validate_element = strings.validate_element
    original_validate_links = strings.validate_translation_links

    def validate_element(element):
        if isinstance(element, Tag) and element.name == "span":
            lang = element.attrs.get("lang")
            if not set(element.attrs) <= {"id", "lang"} or (lang is not None and lang not in codes):
                raise ValueError(
                    gettext("A <span> may only carry a language: %(codes)s")
                    % {"codes": ", ".join(f'lang="{code}"' for code in sorted(codes))}
                )
            for child in element.children:
                validate_element(child)
            return
        original_validate_element(element)

    def validate_translation_links(translation_of, data):
        original_validate_links(translation_of, data)
        unknown = span_ids(data) - span_ids(translation_of)
        if unknown:
            raise ValueError(
                gettext("Unrecognised id found in a <span> tag: %(ids)s")
                % {"ids": ", ".join(sorted(unknown))}
            )

    strings.validate_element = validate_element
    strings.validate_translation_links = validate_translation_links
    models.validate_translation_links = validate_translation_links


def string_translations_in_props(props):
    """The serialised string translations in the translation editor's props (item 5 above)."""
    return props.get("initialStringTranslations", [])


def segment_of(serialized):
    return serialized.get("segment_id")


def add_segment_note(serialized, text, as_error):
    """Show ``text`` under the segment: as its error (red warning sign) or after its comment."""
    key, separator = ("error", " ") if as_error else ("comment", " · ")
    serialized[key] = separator.join(filter(None, [serialized.get(key), text]))
    return serialized


def read_page_index_in_constant_queries():
    """Replace ``PageIndex.from_database`` by wagtail-localize#953's: the same entries, in the
    same order, from three queries whatever the tree's size (item 6 above)."""
    from wagtail.models import Page
    from wagtail_localize.synctree import PageIndex

    if getattr(PageIndex.from_database, "constant_queries", False):
        return

    def from_database(cls):
        translation_key_by_path = {}
        locales_by_key = defaultdict(list)
        aliased_locales_by_key = defaultdict(list)
        # Every page but the root, aliases included (they make ``aliased_locales``).
        rows = Page.objects.filter(depth__gt=1).values_list(
            "translation_key", "locale_id", "alias_of_id", "path"
        )
        for translation_key, locale_id, alias_of_id, page_path in rows:
            translation_key_by_path[page_path] = translation_key
            if alias_of_id is None:
                locales_by_key[translation_key].append(locale_id)
            else:
                aliased_locales_by_key[translation_key].append(locale_id)
        pages = (
            Page.objects.filter(alias_of__isnull=True, depth__gt=1)
            .select_related("content_type", "locale")
            .only(*PageIndex.Entry.REQUIRED_PAGE_FIELDS)
        )
        # A page's parent, unless the parent is the root: each locale's home page is a root.
        return cls(
            [
                PageIndex.Entry(
                    page.content_type,
                    page.translation_key,
                    page.locale,
                    translation_key_by_path.get(page.path[: -Page.steplen])
                    if page.depth > 2
                    else None,
                    locales_by_key.get(page.translation_key, []),
                    aliased_locales_by_key.get(page.translation_key, []),
                )
                for page in pages
            ]
        )

    from_database.constant_queries = True
    PageIndex.from_database = classmethod(from_database)
