import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the whole site, loaded once as `make run` loads it."""
    with django_db_blocker.unblock():
        call_command("load_site_content", stdout=io.StringIO())
        call_command("setup_roles", stdout=io.StringIO())


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")


@pytest.fixture
def bilingual_site(locales):
    """Both home pages: the English one is a wagtail-localize translation of the Bulgarian."""
    bg, en = locales
    return {"bg": HomePage.objects.get(locale=bg), "en": HomePage.objects.get(locale=en)}
