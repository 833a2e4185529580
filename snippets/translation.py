"""django-modeltranslation registrations: only plain taxonomies, never pages or snippets."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("bg", "en")
