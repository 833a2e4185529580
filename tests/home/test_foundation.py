"""The foundation: locales, language routing, both home pages, admin and production settings,
on a home page and its English translation made with wagtail-factories (tests/factories.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from tests.factories import HomePageFactory, translate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bilingual_site(locales):
    """A Bulgarian home page (the default site's root) and its English translation, made through
    wagtail-localize as an editor and a translator would: both home pages, by language."""
    bg, en = locales
    bg_home = HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=bg,
        title="Клъстер „София – град на знанието“",
        intro="Технологичен клъстер.",
    )
    en_home = translate(
        bg_home,
        en,
        {
            "Клъстер „София – град на знанието“": "Cluster Sofia Knowledge City",
            "Технологичен клъстер.": "A technology cluster.",
        },
    ).specific
    site = Site.objects.get(is_default_site=True)
    site.root_page = bg_home
    site.save()
    return {"bg": bg_home, "en": en_home}


def test_both_locales_are_created_by_migrations(db):
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["bg", "en"]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("bg-BG,bg;q=0.9,en;q=0.5", "/bg/"),
        ("fr-FR,fr;q=0.9", "/bg/"),
        ("", "/bg/"),
    ],
)
def test_root_redirects_by_accept_language(client, bilingual_site, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("prefix", "skip_link", "nav_home"),
    [("bg", "Към основното съдържание", "Начало"), ("en", "Skip to main content", "Home")],
)
def test_home_pages_answer_in_their_language(client, bilingual_site, prefix, skip_link, nav_home):
    response = client.get(f"/{prefix}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == prefix
    assert soup.select_one(".skip-link").get_text(strip=True) == skip_link
    assert soup.select_one(".site-nav a").get_text(strip=True) == nav_home
    assert soup.h1.get_text(strip=True) == bilingual_site[prefix].title


def test_bulgarian_header_and_footer_have_no_english_strings(client, bilingual_site):
    soup = BeautifulSoup(client.get("/bg/").content, "html.parser")
    chrome = soup.select_one(".site-header").get_text(" ") + soup.select_one(
        ".site-footer"
    ).get_text(" ")
    for english in ("Skip", "Home", "Technology cluster", "Cluster Sofia", "Main navigation"):
        assert english not in chrome
    assert "Технологичен клъстер" in chrome


def test_english_home_is_a_wagtail_localize_translation(bilingual_site, locales):
    bg_home, en_home = bilingual_site["bg"], bilingual_site["en"]
    assert en_home.translation_key == bg_home.translation_key
    assert en_home.live
    source = TranslationSource.objects.get(object_id=bg_home.translation_key)
    assert source.locale == locales[0]
    assert Translation.objects.filter(source=source, target_locale=locales[1]).exists()
    assert en_home.title == "Cluster Sofia Knowledge City"


def test_language_switcher_links_to_the_translation(client, bilingual_site):
    soup = BeautifulSoup(client.get("/bg/").content, "html.parser")
    links = soup.select(".language-switcher a")
    assert [(a["href"], a["hreflang"]) for a in links] == [("/en/", "en")]
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert [a["href"] for a in soup.select(".language-switcher a")] == ["/bg/"]


@pytest.mark.parametrize("path", ["/xx/", "/de/", "/pt-br/news/", "/bg/no-such-page/", "/en/nope/"])
def test_unknown_language_prefixes_and_pages_are_404(client, bilingual_site, path):
    response = client.get(path)
    assert response.status_code == 404


def test_unprefixed_paths_still_redirect_to_the_readers_language(client, bilingual_site):
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response["Location"]) == (302, "/en/news/")


def test_admin_login_page_answers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_whitenoise_comes_right_after_security_middleware():
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert settings.MIDDLEWARE[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    # Only the request log and the page cache come before it (the cache stores complete
    # responses, security headers included, for config/wsgi.py to serve as they are).
    assert settings.MIDDLEWARE[:security] == [
        "operations.request_log.RequestLogMiddleware",
        "caching.page_cache.AnonymousPageCacheMiddleware",
    ]


def run_with_production_settings(env_overrides, *args):
    # (without the browser tests' lifted async check: a deployment must not have it)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "a-realistic-secret-key-of-more-than-fifty-characters-0123456789abcdef",
    "ALLOWED_HOSTS": "www.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://www.example.org",
    "WAGTAILADMIN_BASE_URL": "https://www.example.org",
}


def test_production_settings_refuse_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_with_production_settings(env, "check")
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is required" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_with_production_settings(
        PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
