import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")


@pytest.fixture
def bilingual_site(locales, django_capture_on_commit_callbacks):
    """Both home pages, the English one translated from the Bulgarian through wagtail-localize
    as an editor does (its publish runs on commit, so the callbacks are executed)."""
    bg, en = locales
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_site_content", stdout=io.StringIO())
    return {
        "bg": HomePage.objects.get(locale=bg),
        "en": HomePage.objects.get(locale=en),
    }
