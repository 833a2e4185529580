"""Real-browser tests: the site runs under gunicorn on loopback, on its own SQLite database
loaded as `make run` loads it, and Playwright drives Debian's chromium."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase
from playwright.sync_api import expect

from tests.ports import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EDITOR = ("editor", "a-long-e2e-password-9f3b")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def uses_the_database(item):
    """Whether pytest-django makes the test database for ``item`` (as it decides)."""
    return (
        bool({"db", "transactional_db"} & set(item.fixturenames))
        or item.get_closest_marker("django_db") is not None
        or (item.cls is not None and issubclass(item.cls, TransactionTestCase))
    )


@pytest.fixture(scope="session")
def seed_site_copy(request, tmp_path_factory):
    """The test database as the session made it (tests/conftest.py: migrated, both home pages
    and the roles), copied into an SQLite file with its media folder, and the seed site loaded
    into the copy as `make run` loads it: the folder. None when the tests run on another
    database, or when no test of the session uses the database (then pytest-django makes none:
    `pytest -m browser`)."""
    if connection.vendor != "sqlite" or not any(map(uses_the_database, request.session.items)):
        return None
    request.getfixturevalue("django_db_setup")
    work = tmp_path_factory.mktemp("seed-site")
    with request.getfixturevalue("django_db_blocker").unblock():
        connection.ensure_connection()
        assert not connection.in_atomic_block  # no test's changes: the site as loaded
        target = sqlite3.connect(work / "db.sqlite3")
        connection.connection.backup(target)
        target.close()
    (work / "media").mkdir()
    if Path(settings.MEDIA_ROOT).is_dir():
        shutil.copytree(settings.MEDIA_ROOT, work / "media", dirs_exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.server_settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "E2E_MEDIA_ROOT": str(work / "media"),
    }
    env.pop("REDIS_URL", None)
    manage(env, "load_site_content")
    return work


@pytest.fixture(scope="session")
def site_url(tmp_path_factory, seed_site_copy):
    yield from serve_site(tmp_path_factory, seed_site_copy)


def serve_site(tmp_path_factory, seed_site_copy, extra_env=None, extra_job=""):
    """Make a site (the seed, the people and pages of the setup scripts, then ``extra_job``'s
    Python) and serve it under gunicorn, with ``extra_env`` in its environment: its address."""
    work = tmp_path_factory.mktemp("e2e-site")
    env = {
        **os.environ,
        **(extra_env or {}),
        "DJANGO_SETTINGS_MODULE": "tests.e2e.server_settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "E2E_MEDIA_ROOT": str(work / "media"),
        "DJANGO_ADMIN_PASSWORD": EDITOR[1],
    }
    env.pop("REDIS_URL", None)
    if seed_site_copy:  # the site the test session loaded: the same migrations and content
        shutil.copy(seed_site_copy / "db.sqlite3", work / "db.sqlite3")
        shutil.copytree(seed_site_copy / "media", work / "media")
    else:
        manage(env, "migrate", "--noinput")
        manage(env, "load_site_content")
        manage(env, "setup_roles")
    # The translation job, the editor (an administrator whose admin speaks English): one process.
    jobs = ("setup_translation_job.py", "setup_running_project.py")
    job = "\n".join((ROOT / "tests/e2e" / name).read_text() for name in jobs)
    editor = f"""
from django.core.management import call_command
from django.contrib.auth.models import User
from wagtail.users.models import UserProfile
call_command("ensure_admin", username={EDITOR[0]!r})
UserProfile.objects.update_or_create(
    user=User.objects.get(username={EDITOR[0]!r}), defaults={{"preferred_language": "en"}}
)
"""
    manage(env, "shell", "-c", job + editor + extra_job)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{url}/bg/", server, timeout=60, expect={200})
    except RuntimeError:
        server.terminate()
        raise
    yield url
    stop(server)


def stop(server):
    """Stop gunicorn gracefully, or kill it when a loaded machine makes it too slow to."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def browser(site_url):
    """Debian's chromium under Playwright. The site is made first: Playwright's sync API runs an
    event loop, inside which Django refuses database work (the copy of the seed site)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop running in this thread until the session ends,
    # and pytest-xdist may send this worker tests that use the database afterwards: Django would
    # refuse them as "async". Nothing runs concurrently here, so its check is lifted meanwhile.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    if getattr(request.node, "call_failed", False):
        save_screenshot(page, f"FAILED-{request.node.name}")
    context.close()


def save_screenshot(page, name, focus=None):
    """The whole page; or, for docs/translating.md (scripts/docs_screenshots.py), the viewport
    scrolled to ``focus`` (a locator)."""
    ARTIFACTS.mkdir(exist_ok=True)
    if focus is not None:
        focus.first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=focus is None)


# Labels of the admin's buttons that the helpers below click, in the admin's two languages
# (wagtail-localize's translation editor and Wagtail's workflow dialogs).
LABELS = {
    "en": {"translate": "Translate", "edit": "Edit", "save": "Save"},
    "bg": {"translate": "Преведи", "edit": "Редактирай", "save": "Запази"},
}


def log_in(browser, site_url, username):
    """A new browser context (a person of their own) signed in to the admin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site_url, username)
    return context, page


def translate_segment(page, index, text, language="en", button="translate"):
    """In wagtail-localize's editor: the index-th segment whose button is "Translate" (or
    "Edit", for one already translated) gets text, saved."""
    labels = LABELS[language]
    page.get_by_role("button", name=labels[button], exact=True).nth(index).click()
    editor = page.locator("textarea:not([name=comment])").first  # not the review's comment
    editor.fill(text)
    page.get_by_role("button", name=labels["save"], exact=True).first.click()
    expect(page.get_by_text(text)).to_be_visible()


def choose_action(page, name, screenshot=None):
    """A button of the page editor's action menu (the footer's dropdown), with a screenshot of
    the open menu."""
    page.locator("footer [data-w-dropdown-target='toggle'], .dropdown-toggle").last.click()
    if screenshot:
        save_screenshot(page, screenshot)
    page.get_by_role("button", name=name).click()


def moderator_acts(page, site_url, action, comment=None, title="", screenshot=None):
    """On the dashboard's "Awaiting your review": a workflow action (its label) on the item
    titled title (or the first), with a comment in the action's dialog (screenshot taken of
    the filled dialog)."""
    page.goto(f"{site_url}/admin/")
    awaiting = page.locator("#awaiting-review-section")
    expect(awaiting).to_be_visible()
    row = awaiting.locator("tbody tr", has_text=title)
    row.first.locator("[data-w-dropdown-target='toggle']").click()
    row.first.get_by_role("button", name=action, exact=True).click()
    if comment is not None:
        dialog = page.locator(".modal-content, [role=dialog]").filter(has=page.locator("textarea"))
        dialog.locator("textarea[name=comment]").fill(comment)
        if screenshot:
            save_screenshot(page, screenshot, focus=dialog)
        dialog.get_by_role("button", name=action).click()
    expect(page.locator("#awaiting-review-section tbody tr", has_text=title)).to_have_count(0)


def sign_in(page, site_url, username, password=EDITOR[1]):
    """Sign in through the admin's login form (every e2e user has conftest's password)."""
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def add_user_through_admin(page, site_url, username, group, first_name, last_name, email=None):
    """An administrator (signed in on `page`, admin in English) adds a user who belongs to one
    group through the admin's user form, unless the user exists. No admin language is chosen."""
    page.goto(f"{site_url}/admin/users/?q={username}")
    if page.get_by_text(username, exact=True).count():
        return
    page.goto(f"{site_url}/admin/users/new/")
    page.fill("input[name=username]", username)
    page.fill("input[name=email]", email or f"{username}@example.org")
    page.fill("input[name=first_name]", first_name)
    page.fill("input[name=last_name]", last_name)
    page.fill("input[name=password1]", EDITOR[1])
    page.fill("input[name=password2]", EDITOR[1])
    page.locator("#tab-label-roles").click()
    page.locator("label", has_text=re.compile(rf"^\s*{re.escape(group)}\s*$")).click()
    page.locator("form:has(input[name=username]) [type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/admin/users/(\?.*)?$"))
