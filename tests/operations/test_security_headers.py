"""Security headers on every kind of response, and the Content Security Policy: nonce-based on
the public site (no 'unsafe-inline' or 'unsafe-eval'), a fresh nonce even for cached pages, and
the admin's own policy under /admin/."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from home.models import HomePage

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response):
    for name, value in COMMON.items():
        assert response.headers.get(name) == value, (name, response.status_code)
    assert "Content-Security-Policy" in response.headers


def nonce_of(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]


@pytest.mark.parametrize("url", ["/en/", "/bg/novini/", "/en/no-such-page/", "/sitemap.xml"])
def test_public_responses_carry_the_security_headers_and_a_strict_policy(client, db, url):
    response = client.get(url)
    assert_security_headers(response)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_admin_and_login_responses_carry_the_headers_and_the_admin_policy(db, admin_client):
    for response in (Client().get("/admin/login/"), admin_client.get("/admin/")):
        assert response.status_code == 200
        assert_security_headers(response)
        assert "'unsafe-inline'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_documents_are_downloaded_as_attachments_with_the_headers(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document.objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_security_headers(response)


def test_json_ld_carries_the_nonce_and_cached_pages_get_a_fresh_one(client, locales):
    url = HomePage.objects.get(locale=locales[1]).url
    first, second = client.get(url), client.get(url)
    assert second["X-Cache"] == "HIT"
    for response in (first, second):
        assert (
            f'type="application/ld+json" nonce="{nonce_of(response)}"' in response.content.decode()
        )
    assert nonce_of(first) != nonce_of(second)
