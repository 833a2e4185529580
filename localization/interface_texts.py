"""Interface texts edited in the admin: translators' replacements for messages of our own
catalogue (locale/<language>/LC_MESSAGES/django.po) that take effect on every app instance at once.

The database is the shared truth (``InterfaceText``, with ``InterfaceTextChange`` as history);
the compiled catalogues in the image are the base. Each process keeps a language's overrides in one
dict, laid over the language's gettext catalogue (compat/django.py), and the version it
loaded: the token of the language's cache tag (``caching.interface_texts_tag``) in the shared
cache. A save invalidates that tag, which every cached page and fragment in that language depends
on (caching/tags.py), so the same write refreshes the cached pages and tells every instance to
reload its overrides on its next request: one cache read per request, no query when nothing changed.

django-rosetta was not used: it edits the PO files on one server's disk and needs a reload, which
several instances (and a read-only image) cannot share.
"""

import hashlib
import re
import tempfile
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site, get_page_models

import caching
from compat import django as compat
from localization import catalogues
from localization.models import InterfaceText, InterfaceTextChange
from localization.quality import checks as quality
from localization.roles import MODERATORS, TRANSLATOR_GROUPS

SOURCE_LANGUAGE = "en"  # the msgids of our catalogue are English
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
STATUS_UNTRANSLATED, STATUS_FUZZY, STATUS_TRANSLATED, STATUS_CHANGED = (
    "untranslated",
    "fuzzy",
    "translated",
    "changed",
)


def status_labels():
    return {
        STATUS_UNTRANSLATED: _("Untranslated"),
        STATUS_FUZZY: _("Needs review"),
        STATUS_TRANSLATED: _("Translated"),
        STATUS_CHANGED: _("Changed in the admin"),
    }


def catalogue_path(language) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


@cache
def editable_languages() -> tuple[str, ...]:
    """The languages with a catalogue of our own (the source texts are English)."""
    return tuple(code for code, _name in settings.LANGUAGES if catalogue_path(code).exists())


def message_key(msgctxt, msgid) -> str:
    """A message's key in a compiled catalogue (gettext joins context and text with EOT)."""
    return f"{msgctxt}\x04{msgid}" if msgctxt else msgid


def message_digest(msgctxt, msgid) -> str:
    """A short stable name for a message in addresses."""
    return hashlib.sha256(message_key(msgctxt, msgid).encode()).hexdigest()[:16]


# The run-time layer


_loaded: dict[str, tuple[str | None, dict]] = {}  # language -> (token, overlay) in this process
# Texts of one preview (interface_text_views.preview): {language: {key: text}}, seen only by the
# thread (or task) that renders that preview, never stored.
_previewing: ContextVar[dict | None] = ContextVar("interface_texts_previewing", default=None)


class Overlay(dict):
    """A language's overrides as gettext looks them up, with the current preview's text first."""

    def __init__(self, language, *args):
        super().__init__(*args)
        self.language = language

    def _previewed(self):
        return (_previewing.get() or {}).get(self.language, {})

    def get(self, key, default=None):
        previewed = self._previewed()
        return previewed[key] if key in previewed else super().get(key, default)

    def __getitem__(self, key):
        previewed = self._previewed()
        return previewed[key] if key in previewed else super().__getitem__(key)

    def __contains__(self, key):
        return key in self._previewed() or super().__contains__(key)


def overlay_of(overrides, language="") -> Overlay:
    overlay = Overlay(language)
    for text in overrides:
        key = message_key(text.msgctxt, text.msgid)
        if text.msgid_plural:
            overlay.update({(key, index): form for index, form in enumerate(text.msgstr_plural)})
        else:
            overlay[key] = text.msgstr
    return overlay


def refresh_overrides() -> None:
    """Lay each language's current overrides over its catalogue: one cache read of the tokens;
    the database only for a language whose token changed since this process loaded it."""
    languages = editable_languages()
    keys = {language: caching.interface_texts_tag(language) for language in languages}
    tokens = caching.tag_tokens(list(keys.values()))
    for language in languages:
        token = tokens.get(keys[language])
        loaded_token, overlay = _loaded.get(language, (None, None))
        installed = overlay is not None and compat.overlay_installed(language, overlay)
        if installed and (token == loaded_token or token is None):
            continue  # unchanged (or the cache is unreachable: keep what this process has)
        applied = InterfaceText.objects.filter(
            language=language, status=InterfaceText.Status.TRANSLATED
        )
        try:
            new_overlay = overlay_of(applied, language)
        except DatabaseError:  # an outage: the view meets it too and answers 503
            continue
        compat.install_overlay(language, new_overlay, previous=overlay)
        _loaded[language] = (token, new_overlay)


class InterfaceTextsMiddleware:
    """Keeps this process's interface texts current (below the page cache: a hit needs none)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh_overrides()
        return self.get_response(request)


# Who may edit


def may_edit(user, language) -> bool:
    """Moderators and the translators of ``language`` (and superusers)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = {group.name for group in user.groups.all()}
    return MODERATORS in names or any(TRANSLATOR_GROUPS.get(name) == language for name in names)


def languages_for(user) -> list[str]:
    return [language for language in editable_languages() if may_edit(user, language)]


# The catalogue as the screen shows it


@dataclass
class Message:
    entry: polib.POEntry
    override: InterfaceText | None

    @property
    def digest(self):
        return message_digest(self.entry.msgctxt or "", self.entry.msgid)

    @property
    def catalogue_forms(self):
        if self.entry.msgid_plural:
            return [self.entry.msgstr_plural[index] for index in sorted(self.entry.msgstr_plural)]
        return [self.entry.msgstr]

    @property
    def forms(self):
        """The text readers see (the override, else the catalogue's)."""
        if self.override is not None and self.override.status == InterfaceText.Status.TRANSLATED:
            return self.override.forms
        return self.catalogue_forms

    @property
    def status(self):
        if self.override is not None:
            if self.override.status == InterfaceText.Status.FUZZY:
                return STATUS_FUZZY
            return STATUS_CHANGED
        if "fuzzy" in self.entry.flags:
            return STATUS_FUZZY
        return STATUS_TRANSLATED if self.entry.translated() else STATUS_UNTRANSLATED

    @property
    def status_label(self):
        return status_labels()[self.status]

    @property
    def occurrences(self):
        return sorted({path for path, _line in self.entry.occurrences})

    def matches(self, query):
        query = query.lower()
        texts = [self.entry.msgid, self.entry.msgid_plural, *self.forms, *self.occurrences]
        return any(query in text.lower() for text in texts if text)


def load_catalogue(language) -> polib.POFile:
    return polib.pofile(str(catalogue_path(language)))


def messages(language) -> list[Message]:
    """Every message of our catalogue in ``language``, with its override (two queries at most)."""
    overrides = {
        (text.msgctxt, text.msgid): text for text in InterfaceText.objects.filter(language=language)
    }
    return [
        Message(entry, overrides.get((entry.msgctxt or "", entry.msgid)))
        for entry in load_catalogue(language)
        if not entry.obsolete and entry.msgid
    ]


def find_message(language, digest) -> Message | None:
    return next((message for message in messages(language) if message.digest == digest), None)


# Checks (the same as the catalogue check in CI: msgfmt --check and pofilter's tests)


def plural_count(language) -> int:
    header = load_catalogue(language).metadata.get("Plural-Forms", "")
    found = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(found[1]) if found else 2


def placeholder_errors(source, translation) -> list[str]:
    expected, found = (
        Counter(PLACEHOLDER.findall(source)),
        Counter(PLACEHOLDER.findall(translation)),
    )
    if expected == found:
        return []
    missing = ", ".join(sorted((expected - found).elements()))
    unexpected = ", ".join(sorted((found - expected).elements()))
    parts = []
    if missing:
        parts.append(_("missing: %(placeholders)s") % {"placeholders": missing})
    if unexpected:
        parts.append(_("not in the source text: %(placeholders)s") % {"placeholders": unexpected})
    return [
        _("Keep the placeholders of the source text exactly as they are (%(details)s).")
        % {"details": "; ".join(parts)}
    ]


POFILTER_MESSAGES = {
    "printf": lambda: _("The placeholders differ from those of the source text."),
    "pythonbraceformat": lambda: _("The {…} placeholders differ from those of the source text."),
    "xmltags": lambda: _("Keep the HTML markup of the source text exactly as it is."),
    "nplurals": lambda: _("Give every plural form."),
    "numbers": lambda: _("The numbers differ from those of the source text."),
}


def quality_findings(language, entry, forms) -> list:
    """The translation checks' findings (localization/quality/checks.py: numbers, dates, codes,
    addresses, markup, mixed scripts, punctuation...) of ``forms`` against the English source
    text, without the placeholders' (``placeholder_errors`` says which differ)."""
    if language == SOURCE_LANGUAGE:
        return []
    findings = []
    for index, form in enumerate(forms):
        source = entry.msgid if index == 0 or not entry.msgid_plural else entry.msgid_plural
        findings += [
            finding
            for finding in quality.check_translation(source, form, SOURCE_LANGUAGE, language)
            if finding.code != "placeholders"
        ]
    return findings


def quality_warnings(language, entry, forms) -> list[str]:
    """The checks' warnings: shown to the translator, the text is saved all the same."""
    return list(
        dict.fromkeys(
            finding.message
            for finding in quality_findings(language, entry, forms)
            if not finding.is_error
        )
    )


def validation_errors(language, entry, forms) -> list[str]:
    """What is wrong with ``forms`` as the translation of ``entry``; empty when it is fine."""
    if entry.msgid_plural and len(forms) != plural_count(language):
        return [_("Give every plural form.")]
    if any(not form.strip() for form in forms):
        return [_("The translation cannot be empty.")]
    errors = []
    for index, form in enumerate(forms):
        source = entry.msgid if index == 0 or not entry.msgid_plural else entry.msgid_plural
        errors += [error for error in placeholder_errors(source, form) if error not in errors]
    if errors:
        return errors
    candidate = polib.POFile(wrapwidth=0)
    candidate.metadata = load_catalogue(language).metadata
    candidate.append(
        polib.POEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgstr="" if entry.msgid_plural else forms[0],
            msgstr_plural=dict(enumerate(forms)) if entry.msgid_plural else {},
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "candidate.po"
        candidate.save(str(path))
        if catalogues.msgfmt_errors(path):
            errors.append(
                _("The text is not a valid translation of this message (msgfmt --check).")
            )
        for _msgid, tests in catalogues.pofilter_failures(path):
            errors += [POFILTER_MESSAGES[test]() for test in tests if test in POFILTER_MESSAGES]
    errors += [
        finding.message
        for finding in quality_findings(language, entry, forms)
        if finding.is_error
        and not (finding.code == "numbers" and POFILTER_MESSAGES["numbers"]() in errors)
    ]
    return list(dict.fromkeys(errors))


# Changes


def save_text(language, entry, forms, user, status=InterfaceText.Status.TRANSLATED):
    """Store ``forms`` as the text of ``entry`` in ``language``, with a history record; every
    instance and every cached page in that language takes it on commit."""
    msgctxt = entry.msgctxt or ""
    with transaction.atomic():
        text = (
            InterfaceText.objects.select_for_update()
            .filter(language=language, msgctxt=msgctxt, msgid=entry.msgid)
            .first()
        )
        old_forms = text.forms if text is not None else []
        if text is None:
            text = InterfaceText(language=language, msgctxt=msgctxt, msgid=entry.msgid)
        text.msgid_plural = entry.msgid_plural or ""
        text.msgstr = "" if entry.msgid_plural else forms[0]
        text.msgstr_plural = list(forms) if entry.msgid_plural else []
        text.status = status
        text.changed_by = user
        text.save()
        InterfaceTextChange.objects.create(
            language=language,
            msgctxt=msgctxt,
            msgid=entry.msgid,
            old_forms=old_forms,
            new_forms=list(forms),
            changed_by=user,
        )
        caching.stale_on_commit({caching.interface_texts_tag(language)})
    return text


def revert(language, entry, change, user):
    """Restore the text as it was before ``change`` (the catalogue's text when there was no
    override then); recorded as a change of its own."""
    if change.old_forms:
        return save_text(language, entry, change.old_forms, user)
    msgctxt = entry.msgctxt or ""
    with transaction.atomic():
        text = InterfaceText.objects.filter(
            language=language, msgctxt=msgctxt, msgid=entry.msgid
        ).first()
        if text is None:
            return None
        InterfaceTextChange.objects.create(
            language=language,
            msgctxt=msgctxt,
            msgid=entry.msgid,
            old_forms=text.forms,
            new_forms=[],
            changed_by=user,
        )
        text.delete()
        caching.stale_on_commit({caching.interface_texts_tag(language)})
    return None


def history(language, entry):
    return InterfaceTextChange.objects.filter(
        language=language, msgctxt=entry.msgctxt or "", msgid=entry.msgid
    ).select_related("changed_by")


# Preview: the unsaved text on a public page, for one request of the one who edits it

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters around the previewed text
SITE_FRAME = ("base.html", "home/")  # templates of every page's frame: previewed on the home page
UNMARKED = re.compile(r"<(script|style|title|textarea)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


@contextmanager
def previewing(language, entry, forms):
    """Inside the block, gettext answers ``forms`` for ``entry`` in ``language`` in this thread
    only: nothing is saved, no other request sees it."""
    key = message_key(entry.msgctxt or "", entry.msgid)
    if entry.msgid_plural:
        texts = {(key, index): form for index, form in enumerate(forms)}
    else:
        texts = {key: forms[0]}
    refresh_overrides()  # the language's Overlay is the catalogue gettext asks first
    token = _previewing.set({**(_previewing.get() or {}), language: texts})
    try:
        yield
    finally:
        _previewing.reset(token)


def template_names(message) -> list[str]:
    return [
        path.split("/templates/", 1)[1]
        for path in message.occurrences
        if "/templates/" in path and path.endswith(".html")
    ]


def home_page(language):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key, locale__language_code=language)
        .first()
    )


def preview_page(language, message):
    """A live page in ``language`` that shows ``message``: the home page for a text of every
    page's frame (base and home templates), else a page of the type whose template has it; None
    when no public page shows it (admin screens, e-mails, texts set in code)."""
    models = {model.template: model for model in get_page_models()}
    for name in template_names(message):
        if name.startswith(SITE_FRAME):
            page = home_page(language)
        elif name in models:
            page = models[name].objects.live().filter(locale__language_code=language).first()
        else:
            continue
        if page is not None:
            return page.specific
    return None


@dataclass
class Preview:
    page: Page
    html: str
    shown: int  # how many times the text is visible on the page (marked)
    content_security_policy: str | None


def highlighted(html) -> tuple[str, int]:
    """The page with the previewed text marked where it is visible; unmarked in tags' attributes,
    scripts, styles and the title."""
    html = UNMARKED.sub(lambda found: found[0].replace(MARK_START, "").replace(MARK_END, ""), html)
    shown = html.count(MARK_START)
    html = html.replace(MARK_START, '<mark data-interface-text-preview="">')
    return html.replace(MARK_END, "</mark>"), shown


def preview(request, language, message, forms) -> Preview | None:
    """The public page that shows ``message`` rendered with ``forms`` as its text, as Wagtail
    previews a page (``make_preview_request``: private, never cached); None when none shows it."""
    page = preview_page(language, message)
    if page is None:
        return None
    marked = [MARK_START + form + MARK_END for form in forms]
    with previewing(language, message.entry, marked), translation.override(language):
        response = page.make_preview_request(request, page.default_preview_mode)
    html, shown = highlighted(response.content.decode(response.charset or "utf-8"))
    return Preview(page, html, shown, response.get("Content-Security-Policy"))


# Export and import


def export_to_catalogue(language, path=None) -> tuple[int, list[str]]:
    """Write the overrides of ``language`` into its catalogue (or a copy at ``path``): the file
    stays the source of record. Returns (messages written, overrides whose message is gone)."""
    catalogue = load_catalogue(language)
    by_key = {(entry.msgctxt or "", entry.msgid): entry for entry in catalogue}
    written, orphans = 0, []
    for text in InterfaceText.objects.filter(language=language):
        entry = by_key.get((text.msgctxt, text.msgid))
        if entry is None or entry.obsolete:
            orphans.append(text.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text.msgstr_plural))
        else:
            entry.msgstr = text.msgstr
        if text.status == InterfaceText.Status.FUZZY:
            entry.flags = [*dict.fromkeys([*entry.flags, "fuzzy"])]
        else:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        written += 1
    catalogue.save(str(path or catalogue_path(language)))
    return written, orphans


def import_from_po(language, path, user=None) -> tuple[int, list[tuple[str, list[str]]]]:
    """Load the translations of a PO file that differ from our catalogue as overrides, each
    checked as in the admin. Returns (imported, [(msgid, errors), ...] refused or unknown)."""
    ours = {(entry.msgctxt or "", entry.msgid): entry for entry in load_catalogue(language)}
    current = {
        (message.entry.msgctxt or "", message.entry.msgid): message
        for message in messages(language)
    }
    imported, refused = 0, []
    for incoming in polib.pofile(str(path)):
        if incoming.obsolete or not incoming.msgid or not incoming.translated():
            continue
        key = (incoming.msgctxt or "", incoming.msgid)
        entry = ours.get(key)
        if entry is None:
            refused.append((incoming.msgid, [_("This message is not in our catalogue.")]))
            continue
        if incoming.msgid_plural:
            forms = [incoming.msgstr_plural[index] for index in sorted(incoming.msgstr_plural)]
        else:
            forms = [incoming.msgstr]
        if forms == current[key].forms:
            continue
        errors = validation_errors(language, entry, forms)
        if errors:
            refused.append((incoming.msgid, errors))
            continue
        save_text(language, entry, forms, user)
        imported += 1
    return imported, refused
