"""What compat/ relies on in each library, pinned: an upgrade that changes a private behaviour
fails here, in one place (compat/__init__.py). The catalogue overlay of compat/django.py is
pinned by tests/localization/test_interface_texts.py, wagtail-localize's heading and comment
dates by tests/localization/test_localize_compat.py."""

import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Locale, Page, Site
from wagtail.tasks import update_reference_index_task
from whitenoise.base import WhiteNoise

from compat import csp as compat_csp
from compat import django as compat_django
from compat import django_tasks as compat_tasks
from compat import wagtail as compat_wagtail
from compat import wagtail_localize as compat_localize
from config.static_files import StaticFilesApp
from home.models import HomePage
from operations.image_checks import CheckedImageField
from tests.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def request_(db):
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    return request


# Wagtail


def test_wagtail_serves_the_route_handed_to_it(request_, locales):
    home = Page.objects.get(depth=2, locale=locales[1]).specific
    response = compat_wagtail.serve_route(request_, "no/such/path/", (home, [], {}))
    assert response.status_code == 200
    assert response.context_data["page"] == home


def test_wagtail_returns_the_site_remembered_on_the_request(request_):
    site = Site.objects.get(is_default_site=True)
    assert compat_wagtail.site_on_request(request_) is compat_wagtail.MISSING
    assert compat_wagtail.find_site(request_) == site
    other = Site(hostname="elsewhere.example", root_page=site.root_page)
    compat_wagtail.remember_site(request_, other)
    assert Site.find_for_request(request_) is other
    assert compat_wagtail.site_on_request(request_) is other


def test_wagtail_reads_the_site_root_paths_kept_on_the_request(request_, locales):
    paths = compat_wagtail.site_root_paths(request_)
    assert compat_wagtail.site_root_paths(request_) is paths
    assert Page._get_site_root_paths(request_) is paths


def test_wagtails_image_field_takes_the_stricter_class_and_keeps_its_limits(db):
    form = get_image_form(get_image_model())()
    limit = form.fields["file"].max_upload_size
    compat_wagtail.give_image_field_class(form, CheckedImageField)
    assert type(form.fields["file"]) is CheckedImageField
    assert form.fields["file"].max_upload_size == limit


# wagtail-localize


def test_each_shadowed_wagtail_localize_address_is_its_own_and_answers_with_ours(admin_client):
    admin_client.get("/admin/")  # the admin's URLs (and so the shadowed routes) are built
    assert len(compat_localize.SHADOWED_ROUTES) >= 8
    theirs = compat_localize.localize_routes()
    for route, name in compat_localize.SHADOWED_ROUTES.items():
        assert route in theirs, route
        address = re.sub(r"<int:\w+>", "1", route)
        address = re.sub(r"<(?:slug|str):\w+>", "snippets", address)
        assert resolve(f"/admin/localize/{address}").url_name == name, route


def page_index_entries(index):
    return [
        (
            entry.content_type.pk,
            entry.translation_key,
            entry.source_locale.pk,
            entry.parent_translation_key,
            sorted(entry.locales),
            sorted(entry.aliased_locales),
        )
        for entry in index
    ]


def test_wagtail_localize_page_index_reads_the_tree_in_constant_queries_as_953_does(locales):
    """Ours gives the entries that 1.14.5's ``Entry.from_page_instance(page)`` (five queries a
    page) gives, in the same order, and its query count does not grow with the tree. Once a
    release has wagtail-localize#953 (``from_page_instance`` then takes the three mappings),
    the reference below fails: delete ``read_page_index_in_constant_queries``."""
    from wagtail_localize.synctree import PageIndex

    bg, en = locales
    section = NewsIndexPageFactory(parent=HomePage.objects.get(locale=en))
    section.copy_for_translation(bg)
    first, second = NewsPageFactory(parent=section), NewsPageFactory(parent=section)
    first.copy_for_translation(bg)
    second.copy_for_translation(bg, alias=True)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            index = PageIndex.from_database()
        return index, len(captured)

    index, small_tree = queries()
    upstream = Page.objects.filter(alias_of__isnull=True, depth__gt=1)
    reference = [PageIndex.Entry.from_page_instance(page) for page in upstream]
    assert page_index_entries(index) == page_index_entries(reference)
    assert any(entry.aliased_locales == [bg.pk] for entry in index)
    for _ in range(10):
        NewsPageFactory(parent=section).copy_for_translation(bg, alias=True)
    assert queries()[1] == small_tree


# Django


def test_django_marks_a_request_whose_csrf_token_was_used(request_):
    assert not compat_django.csrf_token_used(request_)
    with compat_django.noting_csrf_token_use(request_) as used:
        pass
    assert not used()
    with compat_django.noting_csrf_token_use(request_) as used:
        get_token(request_)
    assert used()
    assert compat_django.csrf_token_used(request_)


def test_django_gives_the_raw_host_that_it_refuses():
    request = RequestFactory().get("/", HTTP_HOST="not-allowed.example")
    with pytest.raises(DisallowedHost):
        request.get_host()
    assert compat_django.raw_host(request) == "not-allowed.example"


def test_django_does_not_store_a_file_marked_committed_again(db):
    document = get_document_model()(title="pinned")
    document.file = ContentFile(b"pinned", name="compat-pinned.txt")
    compat_django.mark_committed(document.file)
    document._meta.get_field("file").pre_save(document, add=True)
    assert not default_storage.exists(document.file.name)


def test_django_runs_the_step_after_model_validation(db):
    seen = []

    class LocaleForm(compat_django.AfterModelValidationMixin, forms.ModelForm):
        class Meta:
            model = Locale
            fields = ["language_code"]

        def after_model_validation(self):
            seen.append((self.instance.language_code, dict(self.errors)))

    assert LocaleForm(data={"language_code": "de"}).is_valid()
    assert seen == [("de", {})]


# django-csp


def test_django_csp_keeps_the_nonce_once_used(request_):
    from csp.middleware import CSPMiddleware

    CSPMiddleware(lambda request: None).process_request(request_)
    assert compat_csp.nonce_if_used(request_) is None
    nonce = str(request_.csp_nonce)
    assert compat_csp.nonce_if_used(request_) == nonce


# django-tasks


def test_django_tasks_enqueues_through_the_replaced_method(db):
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    calls = []

    def enqueue(task, args, kwargs):
        calls.append((task.module_path, args))
        return "queued"

    with compat_tasks.enqueue_replaced(backend, enqueue):
        assert update_reference_index_task.enqueue("wagtailcore", "page", "1") == "queued"
    assert calls == [(update_reference_index_task.module_path, ("wagtailcore", "page", "1"))]
    assert "enqueue" not in vars(backend)


# whitenoise


def test_whitenoise_answers_wsgi_with_the_middlewares_configuration():
    assert list(inspect.signature(WhiteNoise.__call__).parameters) == [
        "self",
        "environ",
        "start_response",
    ]
    app = StaticFilesApp(lambda environ, start_response: [b"passed on"])
    environ = RequestFactory().get("/not-a-static-file/").environ
    assert app(environ, lambda *args: None) == [b"passed on"]


def test_wagtails_axe_core_has_the_checks_we_name_and_sets_window_axe():
    from django.contrib.staticfiles import finders

    for bundle in compat_wagtail.AXE_BUNDLES:
        source = Path(finders.find(bundle)).read_text(encoding="utf-8")
        assert '.version="4.11.1"' in source
        for name in (compat_wagtail.AXE_LANGUAGE_IN_LIST, compat_wagtail.AXE_NON_EMPTY_ATTRIBUTE):
            assert f'"{name}":function' in source, (bundle, name)
        assert re.search(r'"function"==typeof \w+\.getComputedStyle&&\(\w+\.axe=\w+\)', source)
