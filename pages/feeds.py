"""RSS 2.0 and Atom feeds of the news, one per language (Django's syndication framework)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from caching import TOPICS_TAG, depends_on, listing_tag, page_tag
from caching.routing import on_site, public
from pages.models import NewsIndexPage, NewsPage

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        index = on_site(NewsIndexPage.objects.live(), request, get_language()).first()
        if index is None:
            raise Http404
        depends_on(page_tag(index.pk), listing_tag(NewsPage, get_language()), TOPICS_TAG)
        return index

    def title(self, index):
        return f"{index.title} | {_('Sofia Knowledge City')}"

    def link(self, index):
        return index.url  # made absolute by the framework

    def description(self, index):
        return index.intro

    subtitle = description

    def items(self, index):
        news = public(NewsPage.objects.child_of(index).live())
        return news.order_by("-date", "-pk").prefetch_related("topics")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The intro is plain text, but feed readers take a description as HTML (Atom says
        type="html", RSS by custom): escaped, a "<" stays a character, never markup."""
        return escape(item.intro)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
