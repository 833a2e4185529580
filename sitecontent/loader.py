"""Put the site content into the CMS the way editors and translators would, idempotently.

English pages and snippets are created as sources (the seeds are English), except the home page,
whose Bulgarian version comes from the first migration; each other-language version is a
wagtail-localize translation of its source. Stable translation keys (uuid5 of a content key) let a
second run find what the first made, so it changes nothing.
"""

import io
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from home.models import HomePage
from localization.quality.tbx import import_tbx
from localization.slugs import latin_slug
from localization.translate import translate_with_strings
from snippets.models import EUAcknowledgement, FundingProgramme, Organisation, Person, Topic

from . import directory, pages
from .emblem import eu_emblem_png
from .text import RT, T, in_language, translation_pairs

NAMESPACE = uuid.UUID("5b1f3c52-7f5e-4d2a-9c38-5a0e1bb2c001")
EMBLEM_TITLE = "EU emblem"
GLOSSARY = Path(__file__).with_name("glossary.tbx")


def content_key(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    translated: list = field(default_factory=list)

    def __str__(self):
        return f"{len(self.created)} object(s) created, {len(self.translated)} translation(s) made"


class SiteContentLoader:
    def __init__(self, log=print):
        self.log = log
        self.en = Locale.objects.get(language_code="en")
        self.bg = Locale.objects.get(language_code="bg")
        self.report = LoadReport()
        self.snippets = {}

    def load(self) -> LoadReport:
        self.load_glossary()
        self.load_topics()
        emblem = self.load_emblem()
        self.load_snippets(emblem)
        self.load_home()
        for spec in pages.PAGES:
            self.load_page(spec)
        return self.report

    # The glossary of the cluster's terms (TBX), as the site's pages already translate them;
    # terms already there (perhaps edited since) are left as they are.

    def load_glossary(self):
        created, _updated = import_tbx(GLOSSARY.read_bytes(), replace_existing=False)
        if created:
            self.log(f"{created} glossary term(s) created.")

    # Taxonomy and images

    def load_topics(self):
        for slug, kind, name in directory.TOPICS:
            topic, created = Topic.objects.get_or_create(
                slug=slug, defaults={"kind": kind, "name_bg": name.bg, "name_en": name.en}
            )
            if created:
                self.report.created.append(topic)

    def load_emblem(self):
        Image = get_image_model()
        emblem = Image.objects.filter(title=EMBLEM_TITLE).first()
        if emblem is None:
            emblem = Image(title=EMBLEM_TITLE)
            emblem.file = ImageFile(io.BytesIO(eu_emblem_png()), name="eu-emblem.png")
            emblem.save()
            self.report.created.append(emblem)
        return emblem

    # Snippets

    def load_snippets(self, emblem):
        for key, data in directory.ORGANISATIONS.items():
            self.load_snippet(Organisation, "organisation", key, data)
        for key, data in directory.PEOPLE.items():
            org = self.snippets[("organisation", data["organisation"])]
            self.load_snippet(Person, "person", key, data, organisation=org)
        for key, data in directory.PROGRAMMES.items():
            self.load_snippet(FundingProgramme, "programme", key, data)
        for key, data in directory.ACKNOWLEDGEMENTS.items():
            self.load_snippet(EUAcknowledgement, "acknowledgement", key, data, emblem=emblem)

    def load_snippet(self, model, kind, key, data, **relations):
        texts = {name: value for name, value in data.items() if isinstance(value, T)}
        plain = {
            name: value
            for name, value in data.items()
            if name not in texts and name not in relations and name != "organisation"
        }
        translation_key = content_key(kind, key)
        source = model.objects.filter(translation_key=translation_key, locale=self.en).first()
        if source is None:
            values = {name: value.en for name, value in texts.items()}
            source = model(translation_key=translation_key, locale=self.en, **values, **plain)
            for name, value in relations.items():
                setattr(source, name, value)
            source.full_clean()
            source.save()
            self.report.created.append(source)
        if not source.has_translation(self.bg):
            translate_with_strings(source, self.bg, dict(translation_pairs(list(texts.values()))))
            self.report.translated.append(source)
        self.snippets[(kind, key)] = source

    # Pages

    def load_home(self):
        home = HomePage.objects.get(depth=2, locale=self.bg)
        if (home.title, home.intro) != (pages.HOME["title"].bg, pages.HOME["intro"].bg):
            home.title = pages.HOME["title"].bg
            home.intro = pages.HOME["intro"].bg
            home.save_revision().publish()
        if not home.has_translation(self.en):
            strings = {bg: en for en, bg in translation_pairs(list(pages.HOME.values()))}
            translate_with_strings(home, self.en, strings, slug="home")
            self.report.translated.append(home)
        self.home_en = home.get_translation(self.en)

    def page_for(self, key) -> Page:
        if key == "home":
            return self.home_en
        return Page.objects.get(translation_key=content_key("page", key), locale=self.en).specific

    def load_page(self, spec):
        model = apps.get_model(spec["type"])
        translation_key = content_key("page", spec["key"])
        page = model.objects.filter(translation_key=translation_key, locale=self.en).first()
        if page is None:
            page = self.create_source_page(model, translation_key, spec)
            self.report.created.append(page)
        if not page.has_translation(self.bg):
            translatable = [spec["title"], spec.get("intro"), spec.get("body", [])]
            translatable += list(spec.get("text", {}).values())
            strings = dict(translation_pairs([t for t in translatable if t is not None]))
            translate_with_strings(page, self.bg, strings, slug=latin_slug(spec["title"].bg))
            self.report.translated.append(page)

    def create_source_page(self, model, translation_key, spec):
        page = model(
            title=spec["title"].en,
            slug=latin_slug(spec["title"].en),
            intro=spec["intro"].en if spec.get("intro") else "",
            body=json.dumps(stream_data(spec.get("body", []), "en", spec["key"])),
            locale=self.en,
            translation_key=translation_key,
            show_in_menus=spec.get("in_menu", spec["parent"] == "home"),
            **in_language(spec.get("text", {}), "en"),
            **spec.get("fields", {}),
        )
        for name, (kind, key) in spec.get("snippets", {}).items():
            setattr(page, name, self.snippets[(kind, key)])
        if spec.get("project"):
            page.related_project = self.page_for(spec["project"])
        if spec.get("topics"):
            page.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
        if spec.get("organisations"):
            page.related_organisations = [
                model.related_organisations.rel.related_model(
                    organisation=self.snippets[("organisation", key)]
                )
                for key in spec["organisations"]
            ]
        if spec.get("people"):
            page.related_people = [
                model.related_people.rel.related_model(person=self.snippets[("person", key)])
                for key in spec["people"]
            ]
        self.page_for(spec["parent"]).add_child(instance=page)
        page.save_revision().publish()
        self.log(f"  {model._meta.verbose_name}: {page.title}")
        return page


def stream_data(blocks, lang, page_key):
    """StreamField JSON for ``blocks`` in ``lang``, with block ids stable across runs."""
    data = []
    for index, (block_type, value) in enumerate(blocks):
        block_id = str(uuid.uuid5(NAMESPACE, f"block:{page_key}:{index}"))
        resolved = in_language(value, lang)
        if block_type == "facts":
            resolved["facts"] = [
                {
                    "type": "item",
                    "value": fact,
                    "id": str(uuid.uuid5(NAMESPACE, f"block:{page_key}:{index}:{n}")),
                }
                for n, fact in enumerate(resolved["facts"])
            ]
        elif isinstance(value, RT):
            resolved = RichText(resolved).source
        data.append({"type": block_type, "value": resolved, "id": block_id})
    return data
