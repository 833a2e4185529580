"""The translation status report over the cluster's content as `make run` loads it."""

from localization import status


def test_the_loaded_site_is_fully_translated(db):
    rows = status.page_rows() + status.snippet_rows()
    assert {state for row in rows for state, _obj in row.statuses.values()} == {status.UP_TO_DATE}
    assert status.progress_by_language(rows)["bg"][2] == 100
