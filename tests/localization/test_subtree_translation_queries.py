"""The cost of a subtree translation ("Translate" with "Include subtree", localization/tasks.py)
in SQL queries: so many per page, however large the subtree and the site are. A query whose
count grows with the tree (as wagtail-localize's ``PageIndex.from_database`` did before
wagtail-localize#953) would make a 1,000-page job quadratic (docs/performance.md)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import HomePage
from localization.tasks import start_subtree_translation
from tests.factories import NewsIndexPageFactory, NewsPageFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def english_section(en, bg, name, pages):
    """An English news section, translated into Bulgarian itself, with ``pages`` news pages
    below it whose texts are their own (so that no page reuses another's strings)."""
    section = NewsIndexPageFactory(parent=HomePage.objects.get(locale=en), title=name)
    section.copy_for_translation(bg)
    for number in range(pages):
        NewsPageFactory(
            parent=section,
            title=f"{name}: news item {number}",
            intro=f"What happened in {name}, part {number}.",
        )
    return section


def queries_to_translate(section, bg, user):
    with CaptureQueriesContext(connection) as captured:
        job = start_subtree_translation(section, [bg], user)
    job.refresh_from_db()
    assert (job.status, job.done, job.skipped) == ("done", job.total, 0)
    return len(captured)


def test_a_subtree_translation_costs_no_more_queries_per_page_in_a_larger_subtree(
    locales, admin_user, settings
):
    settings.TASKS = IMMEDIATE_TASKS
    bg, en = locales
    small = english_section(en, bg, "Small", 5)
    large = english_section(en, bg, "Large", 20)

    per_page_small = queries_to_translate(small, bg, admin_user) / 5
    per_page_large = queries_to_translate(large, bg, admin_user) / 20

    assert per_page_small > 50, "the measure caught the translation's queries"
    assert per_page_large <= per_page_small, (
        f"{per_page_large:.1f} queries per page for 20 pages, {per_page_small:.1f} for 5: "
        "something in the subtree translation now costs more the larger the tree is"
    )
    assert per_page_large <= QUERIES_PER_PAGE, f"{per_page_small=} {per_page_large=}"
    translated = Page.objects.get(translation_key=large.translation_key, locale=bg)
    assert translated.get_children().count() == 20


# A page cost 228 queries here (these news items have no body) while wagtail-localize wrote
# each segment's string, context and segment one by one; 194 since they are written in bulk
# (compat/wagtail_localize_segments.py). The whole task's queries, index updates included.
QUERIES_PER_PAGE = 205
