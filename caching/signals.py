"""The caching room's signal receivers, each connected for its sender in
``CachingConfig.ready()``: pages (every page type, as Wagtail sends them), view restrictions (all
of their receivers are here), sites, images, documents and translatable snippets. The topic
taxonomy's receivers are in snippets/signals.py (this room does not know the models above it)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, TranslatableMixin, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from caching import invalidation, routing


def page_models():
    return list(dict.fromkeys([Page, *get_page_models()]))


def translatable_snippet_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]


def connect() -> None:
    for model in page_models():
        page_published.connect(invalidation.page_changed, sender=model)
        page_unpublished.connect(invalidation.page_changed, sender=model)
        page_slug_changed.connect(invalidation.slug_changed, sender=model)
        post_page_move.connect(routing.forget_view_restrictions, sender=model)
        post_page_move.connect(invalidation.page_moved, sender=model)
        pre_delete.connect(invalidation.page_deleted, sender=model)
    for signal in (post_save, post_delete):
        signal.connect(routing.forget_view_restrictions, sender=PageViewRestriction)
        signal.connect(invalidation.view_restriction_changed, sender=PageViewRestriction)
        signal.connect(routing.forget_sites, sender=Site)
        for model in (get_image_model(), get_document_model()):
            signal.connect(invalidation.media_changed, sender=model)
        for model in translatable_snippet_models():
            signal.connect(invalidation.snippet_changed, sender=model)
