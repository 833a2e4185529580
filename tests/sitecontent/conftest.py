"""The cluster's content, loaded as `make run` loads it, once for each module here and rolled
back after it (the rest of the suite builds its own pages with tests/factories.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module", autouse=True)
def seed_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_site_content", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
