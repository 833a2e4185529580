"""``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from the environment: off unless ``MT_ENGINE`` is set.

``MT_ENGINE=libretranslate`` with ``LIBRETRANSLATE_URL`` (a self-hosted LibreTranslate: no text
leaves the organisation; ``LIBRETRANSLATE_API_KEY`` when the server asks for one), or
``MT_ENGINE=deepl`` with ``DEEPL_AUTH_KEY`` (``DEEPL_GLOSSARY_IDS`` names the glossaries made from
ours by ``manage.py deepl_glossary``; ``DEEPL_API_URL`` points at another DeepL-compatible
server). A set engine without what it needs stops start-up with a message that says so. Machine
output is only ever a suggestion (localization/machine_translation.py).
"""

from django.core.exceptions import ImproperlyConfigured

LIBRETRANSLATE = "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
DEEPL = "localization.machine_translation.DeepLTranslator"


def required(environ, name, engine):
    value = environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"MT_ENGINE={engine} needs the environment variable {name} "
            "(see the README's table of environment variables)."
        )
    return value


def glossary_ids(value):
    """``EN-BG:id,BG-EN:id`` -> {("EN", "BG"): id, ("BG", "EN"): id}, as wagtail-localize's
    DeepL translator looks them up."""
    ids = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        pair, separator, glossary_id = item.partition(":")
        source, dash, target = pair.strip().upper().partition("-")
        if not (separator and dash and source and target and glossary_id.strip()):
            raise ImproperlyConfigured(
                f"DEEPL_GLOSSARY_IDS must read like EN-BG:<glossary id>,BG-EN:<glossary id>, "
                f"not {value!r}."
            )
        ids[(source, target)] = glossary_id.strip()
    return ids


def machine_translator(environ):
    """The setting's value for the environment ``environ`` (a mapping), or None: off."""
    engine = environ.get("MT_ENGINE", "").strip().lower()
    timeout = int(environ.get("MT_TIMEOUT", "30"))
    if not engine:
        return None
    if engine == "libretranslate":
        return {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {
                "LIBRETRANSLATE_URL": required(environ, "LIBRETRANSLATE_URL", engine).rstrip("/"),
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", "").strip(),
                "TIMEOUT": timeout,
            },
        }
    if engine == "deepl":
        options = {"AUTH_KEY": required(environ, "DEEPL_AUTH_KEY", engine), "TIMEOUT": timeout}
        if glossaries := glossary_ids(environ.get("DEEPL_GLOSSARY_IDS", "")):
            options["GLOSSARY_IDS"] = glossaries
        if api_url := environ.get("DEEPL_API_URL", "").strip():
            options["API_URL"] = api_url.rstrip("/")
        return {"CLASS": DEEPL, "OPTIONS": options}
    raise ImproperlyConfigured(
        f"MT_ENGINE must be libretranslate or deepl (or unset: no machine translation), "
        f"not {engine!r}."
    )
