from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from caching import reading_query, routing
from home import views as home_views
from localization.quality import publishing
from operations import health
from operations.login_throttling import ThrottledPasswordResetView
from pages import views as pages_views
from pages.feeds import NewsAtomFeed, NewsRssFeed

# The admin and documents live outside the language prefix; every public page is under /bg/ or
# /en/. "/" is redirected by LocaleMiddleware from the reader's Accept-Language (else /bg/).
urlpatterns = [
    path("sitemap.xml", reading_query()(home_views.sitemap), name="sitemap"),
    path("robots.txt", reading_query()(home_views.robots), name="robots"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's password reset form, rate-limited (operations/login_throttling.py); it answers the
    # address of Wagtail's own view, so reverse("wagtailadmin_password_reset") leads here.
    path("admin/password_reset/", never_cache(ThrottledPasswordResetView.as_view())),
    # Wagtail's workflow actions, "Approve" refused for a translation with errors
    # (localization/quality/publishing.py); every other action goes on to Wagtail's view.
    path(f"admin/{publishing.WORKFLOW_ACTION_ROUTE}", publishing.guard_workflow_action),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # What each view reads of the query string, for the page cache (caching/tags.py); pages
    # declare theirs in their class (query_params).
    path("search/", reading_query("q", "page")(pages_views.search), name="search"),
    path("feeds/news.rss", reading_query()(NewsRssFeed()), name="news_rss"),
    path("feeds/news.atom", reading_query()(NewsAtomFeed()), name="news_atom"),
    path("feeds/events.ics", reading_query()(pages_views.events_calendar), name="events_ics"),
    path(
        "feeds/events/<int:pk>.ics",
        reading_query()(pages_views.event_calendar),
        name="event_ics",
    ),
    # Wagtail's page serving, routed in two queries (caching/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
