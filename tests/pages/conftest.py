"""Pages that several modules here read."""

import datetime

import pytest

from tests.factories import ClusterLabelPageFactory, bilingual_site, translate

LABEL_IN_BULGARIAN = {
    "Cluster label": "Знак за качество",
    "Cluster Management Excellence Label": "Знак за отлично управление на клъстер",
}


@pytest.fixture
def labels(locales):
    """The cluster's label page in English and its Bulgarian translation (by language), the
    label awarded on 21 February 2019 and valid until 21 February 2021."""
    bg, _en = locales
    english = ClusterLabelPageFactory(
        parent=bilingual_site()["en"]["home"],
        awarded_on=datetime.date(2019, 2, 21),
        valid_until=datetime.date(2021, 2, 21),
    )
    return {"en": english, "bg": translate(english, bg, LABEL_IN_BULGARIAN).specific}
