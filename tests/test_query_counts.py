"""Listings cost the same number of queries however many items they show (no N+1). The full
query budgets and the benchmark belong to the performance work; these guard the shape."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


def queries_for(client, url):
    client.get(url)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("index_model", "page_model", "fields"),
    [
        (NewsIndexPage, NewsPage, {}),
        (EventIndexPage, EventPage, {"start_date": "2019-05-01"}),
    ],
)
def test_listing_queries_do_not_grow_with_items(client, locales, index_model, page_model, fields):
    index = index_model.objects.get(locale=locales[0])
    home = index.get_parent()
    before = {url: queries_for(client, url) for url in (index.url, home.url)}
    for n in range(6):
        page = page_model(title=f"Още {n}", slug=f"oshte-{n}", **fields)
        index.add_child(instance=page)
        page.save_revision().publish()
    after = {url: queries_for(client, url) for url in (index.url, home.url)}
    assert after == before


def test_news_page_queries_do_not_grow_with_related_organisations(client, locales):
    from home.content.loader import content_key
    from pages.models import NewsPageOrganisation
    from snippets.models import Organisation

    page = NewsPage.objects.get(
        translation_key=content_key("page", "news-16-plus-1"), locale=locales[0]
    )
    before = queries_for(client, page.url)
    for org in Organisation.objects.filter(locale=locales[1])[:4]:
        NewsPageOrganisation.objects.create(page=page, organisation=org)
    after = queries_for(client, page.url)
    assert after == before
