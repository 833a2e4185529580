"""The cluster's content, loaded as `make run` loads it, once for each module here and rolled
back after it (tests/conftest.py: ``seed_site``)."""

import pytest


@pytest.fixture(scope="module", autouse=True)
def _seed_site(seed_site):
    """Every module here is about the seed itself."""
