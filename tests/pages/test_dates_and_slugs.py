"""Date formatting in both languages and Latin slugs from Bulgarian titles."""

import datetime

import pytest
from django.utils import translation

from localization.slugs import latin_slug, transliterate_bg
from pages.dates import DatePrecision, format_date, format_date_range

D = datetime.date


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [
        ("bg", (D(2019, 2, 21),), "21 февруари 2019"),
        ("en", (D(2019, 2, 21),), "21 February 2019"),
        ("bg", (D(2023, 3, 28), D(2023, 4, 1)), "28 март – 1 април 2023"),
        ("en", (D(2023, 3, 28), D(2023, 4, 1)), "28 March – 1 April 2023"),
        ("bg", (D(2023, 6, 5), D(2023, 6, 7)), "5–7 юни 2023"),
        ("bg", (D(2022, 12, 30), D(2023, 1, 2)), "30 декември 2022 – 2 януари 2023"),
        ("bg", (D(2023, 6, 1), None, DatePrecision.MONTH), "юни 2023"),
        ("en", (D(2023, 6, 1), None, DatePrecision.MONTH), "June 2023"),
        ("bg", (D(2022, 12, 1), D(2023, 1, 1), DatePrecision.MONTH), "декември 2022 – януари 2023"),
        ("en", (D(2017, 1, 1), None, DatePrecision.YEAR), "2017"),
        ("bg", (D(2023, 6, 1), D(2023, 6, 1)), "1 юни 2023"),
    ],
)
def test_date_ranges(lang, args, expected):
    with translation.override(lang):
        assert format_date_range(*args) == expected


def test_single_dates_by_precision():
    with translation.override("bg"):
        assert format_date(D(2018, 12, 1), DatePrecision.MONTH) == "декември 2018"
        assert format_date(D(2018, 12, 1), DatePrecision.YEAR) == "2018"
        assert format_date(None) == ""


@pytest.mark.parametrize(
    ("bulgarian", "latin"),
    [
        ("Щастие", "Shtastie"),
        ("Събития", "Sabitia"),  # "ия" at a word's end -> "ia"
        ("Юнаци и ябълки", "Yunatsi i yabalki"),
        ("България", "Bulgaria"),
        ("Жълт чай", "Zhalt chay"),
        ("Академия София", "Akademia Sofia"),
        ("Ecocity 2023", "Ecocity 2023"),
    ],
)
def test_official_bulgarian_transliteration(bulgarian, latin):
    assert transliterate_bg(bulgarian) == latin


def test_latin_slug_is_ascii_and_cut_at_a_word():
    assert latin_slug("Световна среща на върха „Екосити“ в Лондон") == (
        "svetovna-sreshta-na-varha-ekositi-v-london"
    )
    long_slug = latin_slug("Дълго заглавие " * 20, max_length=40)
    assert len(long_slug) <= 40 and not long_slug.endswith("-")
