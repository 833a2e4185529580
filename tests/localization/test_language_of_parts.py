"""Language of parts (WCAG 3.1.2): the rich-text features "Language: English/Bulgarian" store
``<span lang>``, which wagtail-localize carries through segment extraction and translation
(compat/wagtail_localize.py, item 4). (The seed content's marked passages:
tests/sitecontent/test_seed_language_of_parts.py.)"""

import importlib.util
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText, features
from wagtail_localize import strings
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.strings import extract_strings

from localization.translate import translate_with_strings
from pages.blocks import RICH_TEXT_FEATURES, BodyBlock
from pages.models import NewsIndexPage, NewsPage
from tests.factories import base_news_sections


@pytest.mark.parametrize("code,style", [("en", "LANG_EN"), ("bg", "LANG_BG")])
def test_the_editor_stores_a_marked_passage_as_a_span_with_its_language(code, style):
    html = f'<p>Знак <span lang="{code}">Striving for Cluster Excellence</span> и още.</p>'
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    contentstate = json.loads(converter.from_database_format(html))
    ranges = contentstate["blocks"][0]["inlineStyleRanges"]
    assert ranges == [{"offset": 5, "length": 31, "style": style}]
    stored = converter.to_database_format(json.dumps(contentstate))
    assert re.sub(r' data-block-key="\w+"', "", stored) == html
    assert f'<span lang="{code}">' in str(RichText(html))


def test_both_languages_editors_offer_the_features():
    assert features.get_editor_plugin("draftail", "lang-en") is not None
    options = BodyBlock().child_blocks["paragraph"].field.widget.options
    styles = {style["type"]: style for style in options["inlineStyles"]}
    assert {"LANG_EN", "LANG_BG"} <= set(styles)
    with translation.override("en"):
        assert str(styles["LANG_EN"]["description"]) == "Language: English"
    with translation.override("bg"):
        assert str(styles["LANG_BG"]["description"]) == "Език: български"


def test_wagtail_localize_still_needs_the_span_patch():
    """Pins item 4 of compat/wagtail_localize.py: the package's own module (loaded afresh,
    unpatched) has no <span> among its inline tags. When an upgrade adds it, drop the patch."""
    spec = importlib.util.spec_from_file_location("unpatched_strings", strings.__file__)
    unpatched = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(unpatched)
    assert "span" not in unpatched.INLINE_TAGS
    assert "span" in strings.INLINE_TAGS


def test_a_marked_passage_stays_inside_its_sentence_as_one_segment():
    _template, found = extract_strings('<p>Visit <span lang="bg">София</span> in May.</p>')
    assert len(found) == 1
    string, attrs = found[0]
    assert string.data == 'Visit <span id="span1">София</span> in May.'
    assert attrs == {"span1": {"lang": "bg"}}


def english_page_with_a_bulgarian_passage(locales):
    _bg, en = locales
    body = [
        {
            "type": "paragraph",
            "value": '<p>The cluster of <span lang="bg">София</span> meets in May.</p>',
        }
    ]
    page = NewsPage(title="Language of parts", slug="language-of-parts", body=json.dumps(body))
    index = NewsIndexPage.objects.filter(locale=en).first() or base_news_sections()["en"]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_marked_passage_survives_a_translation_round_trip(locales):
    bg, _en = locales
    page = english_page_with_a_bulgarian_passage(locales)
    translated = translate_with_strings(
        page,
        bg,
        {
            "Language of parts": "Езикът на частите",
            'The cluster of <span id="span1">София</span> meets in May.': (
                'Клъстерът на <span id="span1">София</span> се среща през май '
                'на <span lang="en">Smart City Summit</span>.'
            ),
        },
        slug="ezikat-na-chastite",
    )
    html = str(translated.body[0].value)
    soup = BeautifulSoup(html, "html.parser")
    spans = {span.get_text(): span.attrs for span in soup.find_all("span")}
    assert spans == {"София": {"lang": "bg"}, "Smart City Summit": {"lang": "en"}}


@pytest.mark.parametrize(
    "translated_text",
    [
        'Клъстерът на <span lang="fr">София</span>.',
        'Клъстерът на <span id="span9">София</span>.',
        'Клъстерът на <span class="x">София</span>.',
    ],
)
def test_a_translation_with_a_span_it_may_not_have_is_kept_as_an_error(locales, translated_text):
    bg, _en = locales
    page = english_page_with_a_bulgarian_passage(locales)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    segment = StringSegment.objects.get(source=source, string__data__contains="span1")
    saved = StringTranslation.objects.create(
        translation_of=segment.string, locale=bg, context=segment.context, data=translated_text
    )
    saved.refresh_from_db()
    assert saved.has_error
