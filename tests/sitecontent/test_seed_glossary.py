"""The seed site's glossary (moved here from tests/localization/test_glossary.py, issue 18)."""

from localization.models import GlossaryTerm


def test_the_seed_glossary_is_loaded_with_the_sites_bulgarian(db):
    terms = {term.english: term for term in GlossaryTerm.objects.all()}
    assert terms["smart city"].bulgarian == "умен град"
    assert terms["beneficiary"].bulgarian == "бенефициент"
    assert terms["European Secretariat for Cluster Analysis"].bulgarian == (
        "Европейски секретариат за клъстерен анализ"
    )
    assert len(terms) >= 15
