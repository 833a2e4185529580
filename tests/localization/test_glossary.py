"""The glossary check on inflected forms (Bulgarian articles and plurals matched by stem) in both
directions, forbidden variants, and the glossary's TBX import (all or nothing) and export."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission
from wagtail_localize.models import StringSegment

from localization.models import GlossaryTerm
from localization.quality.glossary import check_terms, contains, terms_in
from localization.quality.tbx import TBXError, export_tbx, import_tbx, parse_tbx
from localization.roles import PAGE_PERMISSIONS, permission
from tests.factories import NewsPageFactory, bilingual_site, translate
from tests.localization.test_po_upload import translation_of

CLUSTER = GlossaryTerm(english="cluster", bulgarian="клъстер")
SMART_CITY = GlossaryTerm(
    english="smart city", bulgarian="умен град", forbidden_bulgarian="смарт сити"
)
BENEFICIARY = GlossaryTerm(
    english="beneficiary", bulgarian="бенефициент", forbidden_bulgarian="бенефициер\nбенефициар"
)
LABEL = GlossaryTerm(
    english="Cluster Management Excellence Label",
    bulgarian="знак за отлично управление на клъстери",
    forbidden_bulgarian="етикет за отлично управление на клъстери",
)
TERMS = [CLUSTER, SMART_CITY, BENEFICIARY, LABEL]


@pytest.fixture
def glossary(db):
    """The glossary of this module's four terms (one with a part of speech and notes), in place
    of the seed site's for the test."""
    GlossaryTerm.objects.all().delete()
    for term in TERMS:
        GlossaryTerm.objects.create(
            english=term.english,
            bulgarian=term.bulgarian,
            forbidden_bulgarian=term.forbidden_bulgarian,
        )
    GlossaryTerm.objects.filter(english="cluster").update(
        part_of_speech=GlossaryTerm.PartOfSpeech.NOUN,
        notes="An industry cluster: companies and institutes of one field in one region.",
    )
    return GlossaryTerm.objects.all()


NEWS_TITLE = "Test news item: the cluster meets its partners"


@pytest.fixture
def news(glossary, locales):
    """An English news item whose title names the cluster, translated into Bulgarian: (the
    Bulgarian translation, its title segment, the Bulgarian page)."""
    bg, _en = locales
    site = bilingual_site()
    # The Bulgarian translators' page permissions, on this site's Bulgarian home as on the
    # seed's (localization/roles.py gives them on each language's home).
    translators = Group.objects.get(name="Translators BG")
    for codename in PAGE_PERMISSIONS["translator"]:
        GroupPagePermission.objects.create(
            group=translators,
            page=site["bg"]["home"],
            permission=permission("wagtailcore", codename),
        )
    english = NewsPageFactory(parent=site["en"]["news"], title=NEWS_TITLE)
    page = translate(english, bg, {NEWS_TITLE: "Тестова новина: клъстерът среща партньорите си"})
    translation = translation_of(english, bg)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    return translation, segment, page.specific


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Клъстерът участва", "клъстер"),  # the full article -ът
        ("на клъстера", "клъстер"),  # the short article -а
        ("клъстери и клъстерите", "клъстер"),  # plural, plural with article
        ("умният град", "умен град"),  # adjective with article
        ("организации за умни градове", "умен град"),  # plural of both words
        ("умните градове", "умен град"),
        ("бенефициентът по проекта", "бенефициент"),
        ("знака за отлично управление на клъстери", LABEL.bulgarian),
    ],
)
def test_a_bulgarian_term_is_found_in_its_inflected_forms(text, term):
    assert contains(text, term, "bg")


@pytest.mark.parametrize(
    ("text", "term"),
    [("градина", "град"), ("клас", "клъстер"), ("умението", "умен град")],
)
def test_a_word_that_only_begins_like_the_term_is_not_it(text, term):
    assert not contains(text, term, "bg")


@pytest.mark.parametrize(
    ("text", "term"),
    [("The beneficiaries", "beneficiary"), ("Smart Cities", "smart city"), ("clusters", "cluster")],
)
def test_an_english_term_is_found_in_its_plural(text, term):
    assert contains(text, term, "en")


def codes(findings):
    return [finding.code for finding in findings]


@pytest.mark.parametrize(
    ("source", "source_language", "correct", "wrong", "code"),
    [
        (
            "The beneficiary of the project is the cluster.",
            "en",
            "Бенефициентът по проекта е клъстерът.",
            "Получателят по проекта е клъстерът.",
            "glossary",
        ),
        (
            "Work meetings with smart city organisations.",
            "en",
            "Работни срещи с организации за умни градове.",
            "Работни срещи с организации за смарт сити.",
            "glossary_forbidden",
        ),
        (
            "The cluster received the Cluster Management Excellence Label.",
            "en",
            "Клъстерът получи знака за отлично управление на клъстери.",
            "Клъстерът получи етикета за отлично управление на клъстери.",
            "glossary_forbidden",
        ),
        (
            "Клъстерите и умните градове",
            "bg",
            "Clusters and smart cities",
            "Groupings and intelligent cities",
            "glossary",
        ),
    ],
)
def test_the_glossary_check_in_both_directions(source, source_language, correct, wrong, code):
    found = terms_in(source, source_language, TERMS)
    assert found
    assert check_terms(source, correct, source_language, found) == []
    findings = check_terms(source, wrong, source_language, found)
    assert code in codes(findings)
    assert {finding.severity for finding in findings} == {"warning"}


def test_a_source_term_kept_in_a_proper_name_is_no_finding():
    source = "Smart City Summit & Expo 2023"
    assert check_terms(source, "Smart City Summit & Expo 2023 в Тайпе", "en", [SMART_CITY]) == []


def test_tbx_export_and_import_round_trip(glossary):
    before = [
        (t.english, t.bulgarian, t.part_of_speech, t.notes, t.forbidden_bulgarian)
        for t in GlossaryTerm.objects.all()
    ]
    data = export_tbx(GlossaryTerm.objects.all())
    GlossaryTerm.objects.all().delete()
    assert import_tbx(data) == (len(before), 0)
    after = [
        (t.english, t.bulgarian, t.part_of_speech, t.notes, t.forbidden_bulgarian)
        for t in GlossaryTerm.objects.all()
    ]
    assert after == before


TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="1">
    <langSet xml:lang="en"><tig><term>cluster manager</term>
      <termNote type="partOfSpeech">noun</termNote></tig></langSet>
    <langSet xml:lang="bg-BG"><tig><term>мениджър на клъстера</term></tig>
      <ntig><termGrp><term>клъстерен мениджър</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
    </langSet>
  </termEntry>
</body></text></martif>"""


def test_a_tbx_v2_file_from_a_cat_tool_is_read():
    [term] = parse_tbx(TBX_V2.encode())
    assert (term.english, term.bulgarian) == ("cluster manager", "мениджър на клъстера")
    assert term.forbidden["bg"] == ["клъстерен мениджър"]


VALID_ENTRY = TBX_V2.split("<termEntry")[1].split("</termEntry>")[0]
BAD_FILES = {
    "not XML": (
        b"cluster;\xd0\xba\xd0\xbb\xd1\x8a\xd1\x81\xd1\x82\xd0\xb5\xd1\x80",
        "not well-formed",
    ),
    "not TBX": (b"<html><body/></html>", "root element is <html>"),
    "entities": (
        b'<!DOCTYPE martif [<!ENTITY a "aaaa">]><martif><text><body/></text></martif>',
        "DTD",
    ),
    "no entries": (b"<martif><text><body/></text></martif>", "no term entries"),
    "second entry without Bulgarian": (
        TBX_V2.replace(
            "</body>",
            '<termEntry id="2"><langSet xml:lang="en"><tig><term>survey</term></tig></langSet>'
            "</termEntry></body>",
        ).encode(),
        "Entry 2 has no BG term",
    ),
    "twice the same term": (
        TBX_V2.replace("</body>", f"<termEntry{VALID_ENTRY}</termEntry></body>").encode(),
        "appears twice",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_tbx_file_is_refused_whole(glossary, name):
    data, reason = BAD_FILES[name]
    count = GlossaryTerm.objects.count()
    with translation.override("en"), pytest.raises(TBXError, match=reason):
        import_tbx(data)
    assert GlossaryTerm.objects.count() == count
    assert not GlossaryTerm.objects.filter(english="cluster manager").exists()


def test_the_management_commands_export_and_import(glossary, tmp_path):
    path = tmp_path / "glossary.tbx"
    call_command("export_glossary_tbx", str(path), stdout=io.StringIO())
    GlossaryTerm.objects.filter(english="smart city").update(bulgarian="смарт сити")
    out = io.StringIO()
    call_command("import_glossary_tbx", str(path), stdout=out)
    assert "updated" in out.getvalue()
    assert GlossaryTerm.objects.get(english="smart city").bulgarian == "умен град"
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b"<html/>")
    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_glossary_tbx", str(bad))


def test_the_admin_lists_searches_exports_and_imports_the_glossary(admin_client, glossary):
    listing = reverse("wagtailsnippets_localization_glossaryterm:list")
    found = admin_client.get(listing, {"q": "умен"}).content.decode()
    assert "smart city" in found and "beneficiary" not in found
    page = admin_client.get(listing).content.decode()
    assert reverse("localization_glossary_import") in page
    exported = admin_client.get(reverse("localization_glossary_export"))
    assert exported["Content-Type"] == "application/x-tbx+xml"
    assert len(parse_tbx(exported.content)) == GlossaryTerm.objects.count()

    bad = io.BytesIO(b"<html/>")
    bad.name = "bad.tbx"
    refused = admin_client.post(reverse("localization_glossary_import"), {"file": bad})
    assert refused.status_code == 400
    assert "The file was not imported: The file is not TBX" in refused.content.decode()
    good = io.BytesIO(TBX_V2.encode())
    good.name = "terms.tbx"
    response = admin_client.post(reverse("localization_glossary_import"), {"file": good})
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(english="cluster manager").bulgarian == "мениджър на клъстера"


def test_a_translator_reads_the_glossary_but_does_not_import(client, users, glossary):
    client.force_login(users["translator_bg"])
    listing = client.get(reverse("wagtailsnippets_localization_glossaryterm:list"))
    assert listing.status_code == 200 and "умен град" in listing.content.decode()
    assert reverse("localization_glossary_import") not in listing.content.decode()
    assert client.get(reverse("localization_glossary_import")).status_code in (302, 403)


def test_the_translation_editor_shows_the_glossary_terms_of_a_segment(client, users, news):
    _translation, _segment, page = news  # "Test news item: the cluster meets its partners"
    client.force_login(users["translator_bg"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    content = response.content.decode()
    assert "Речник: cluster → <strong>клъстер</strong>" in " ".join(content.split())
