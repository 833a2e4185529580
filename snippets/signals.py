"""The snippets room's signal receivers, each connected for its sender in
``SnippetsConfig.ready()``: a topic saved or deleted makes what shows it, and every listing's
topic filters, stale (translatable snippets are connected by caching/signals.py)."""

from django.db.models.signals import post_delete, post_save

import caching
from snippets.models import Topic


def topic_changed(sender, instance, **kwargs):
    caching.stale_on_commit({caching.topic_tag(instance.pk), caching.TOPICS_TAG})


def connect() -> None:
    post_save.connect(topic_changed, sender=Topic)
    post_delete.connect(topic_changed, sender=Topic)
