import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the whole site, loaded once as `make run` loads it."""
    with django_db_blocker.unblock():
        call_command("load_site_content", stdout=io.StringIO())
        call_command("setup_roles", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, so
    cached pages and invalidation tokens from an earlier test would not match it."""
    cache.clear()


ADMIN_USERNAME = "admin-en"


@pytest.fixture
def admin_client(client, db):
    """A superuser logged in, whose admin speaks English (the admin's default here is Bulgarian)."""
    user = get_user_model().objects.create_superuser(ADMIN_USERNAME, "admin@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")


@pytest.fixture
def bilingual_site(locales):
    """Both home pages: the English one is a wagtail-localize translation of the Bulgarian."""
    bg, en = locales
    return {"bg": HomePage.objects.get(locale=bg), "en": HomePage.objects.get(locale=en)}
