"""Machine translation as a suggestion, never published unseen.

The engine is wagtail-localize's ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``, set from the environment
(config/settings/machine_translation.py; off by default). Its "Translate with …" button in the
translation editor, and a sync with "Use machine translation", save each segment without a
translation as a ``StringTranslation`` with ``translation_type = "machine"`` and ``tool_name`` the
engine's name; a translator's save of the segment in the editor (wagtail-localize's string API,
also behind the panel's "Confirm") makes it ``"manual"`` without a tool. Until then it is
*unconfirmed*: named so in the editor beside the segment and listed in the panel above it, counted
in the status report, checked like every translation (localization/quality), and publishing the
translation is refused (``refusal``, called by localization/quality/publishing.py). A sync that
would machine-translate and publish at once is refused too (localization/permissions.py).

DeepL: ``DeepLTranslator`` is wagtail-localize's, with the server's address as an option and the
glossaries of ``DEEPL_GLOSSARY_IDS``, which ``manage.py deepl_glossary`` makes from our glossary
(``GlossaryTerm``) for both directions.
"""

import functools
import logging

import requests
from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import deepl, libretranslate
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

from localization.models import GlossaryTerm

logger = logging.getLogger(__name__)

ENGINE_NAMES = [
    libretranslate.LibreTranslator.display_name,
    deepl.DeepLTranslator.display_name,
    "Google Translate",
]
"""The ``tool_name`` wagtail-localize's engines give their output (named as unconfirmed machine
translation in the editor's note, localization/apps.py)."""


def current(string_translations):
    """Only the rows of segments the source has now (a sync leaves the old ones behind)."""
    segments = StringSegment.objects.filter(
        string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    return string_translations.filter(Exists(segments))


def unconfirmed_machine(translation):
    """The translation's machine-translated segments that no translator has confirmed yet."""
    return current(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=translation.source.object_id,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
    )


def unconfirmed_machine_counts() -> dict:
    """(translation key, language code) -> unconfirmed machine-translated segments (1 query)."""
    rows = (
        current(
            StringTranslation.objects.filter(
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
            )
        )
        .values("context__object_id", "locale__language_code")
        .annotate(count=Count("pk"))
    )
    return {(row["context__object_id"], row["locale__language_code"]): row["count"] for row in rows}


def refusal(translation):
    """Why publishing ``translation`` is refused while machine output awaits a translator (in the
    active language), or None."""
    count = unconfirmed_machine(translation).count()
    if not count:
        return None
    return ngettext(
        "Publishing is refused: %(count)d machine-translated segment has not been confirmed by a "
        "translator. Check it and confirm or correct it in the editor.",
        "Publishing is refused: %(count)d machine-translated segments have not been confirmed by "
        "a translator. Check them and confirm or correct them in the editor.",
        count,
    ) % {"count": count}


def sync_refusal(request):
    """Why a sync ("Sync translated pages") is refused: it asks to machine-translate the changes
    and publish them at once, which would publish machine output unseen; or None."""
    if request.method != "POST" or not request.POST.get("use_machine_translation"):
        return None
    if not request.POST.get("publish_translations"):
        return None
    return gettext(
        "Machine translation is a suggestion for a translator to confirm: sync with machine "
        "translation without publishing, then confirm the segments in the editor and publish."
    )


def engine_failure():
    return gettext(
        "The machine translator did not answer or refused the request: nothing was translated. "
        "Try again later, or ask an administrator to check its settings."
    )


def reporting_engine_errors(view):
    """wagtail-localize's "Translate with …" view, telling the translator when the engine fails
    (unreachable, too slow, a refused key) instead of answering 500; nothing is filled then."""

    @functools.wraps(view)
    def translate(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except requests.RequestException as error:
            logger.warning("Machine translation failed: %s", error)
            messages.error(request, engine_failure())
            return redirect(
                get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
            )

    return translate


def machine_segments(translation):
    """(segment, source text, machine translation) of the unconfirmed rows, in the editor's
    order (2 queries)."""
    rows = {
        (row.translation_of_id, row.context_id): row.data
        for row in unconfirmed_machine(translation)
    }
    if not rows:
        return []
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    return [
        (segment, segment.string.data, rows[(segment.string_id, segment.context_id)])
        for segment in segments.order_by("order")
        if (segment.string_id, segment.context_id) in rows
    ]


class DeepLTranslator(deepl.DeepLTranslator):
    """wagtail-localize's DeepL translator, at the address of the ``API_URL`` option when given
    (a DeepL-compatible server; default DeepL's own, free or paid by the key), and refusing an
    error answer instead of reading it as translations."""

    def base_url(self):
        return self.options.get("API_URL") or deepl_base_url(self.options["AUTH_KEY"])

    def get_api_endpoint(self):
        return f"{self.base_url()}/v2/translate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=int(self.options.get("TIMEOUT", 30)),
            headers=self.get_headers(),
        )
        response.raise_for_status()
        translations = response.json()["translations"]
        return {
            string: StringValue(item["text"])
            for string, item in zip(strings, translations, strict=True)
        }


def deepl_base_url(auth_key):
    """DeepL's API: the free one for a key ending in ``:fx`` (as wagtail-localize decides)."""
    return "https://api-free.deepl.com" if auth_key.endswith(":fx") else "https://api.deepl.com"


def glossary_entries(source_language, target_language):
    """Our glossary as DeepL's tab-separated entries for one direction: one line per source term
    (the first concept's, if two share it), without tabs or line breaks."""
    seen, lines = set(), []
    for term in GlossaryTerm.objects.order_by("english"):
        source = " ".join(term.term(source_language).split())
        target = " ".join(term.term(target_language).split())
        if source and target and source not in seen:
            seen.add(source)
            lines.append(f"{source}\t{target}")
    return "\n".join(lines)


def create_deepl_glossary(options, source_language, target_language, name):
    """Make a DeepL glossary of our terms from ``source_language`` to ``target_language`` ("en",
    "bg") with the machine translator's ``options``; returns its id."""
    base_url = options.get("API_URL") or deepl_base_url(options["AUTH_KEY"])
    response = requests.post(
        f"{base_url}/v2/glossaries",
        data={
            "name": name,
            "source_lang": source_language.upper(),
            "target_lang": target_language.upper(),
            "entries": glossary_entries(source_language, target_language),
            "entries_format": "tsv",
        },
        headers={"Authorization": f"DeepL-Auth-Key {options['AUTH_KEY']}"},
        timeout=int(options.get("TIMEOUT", 30)),
    )
    response.raise_for_status()
    return response.json()["glossary_id"]
