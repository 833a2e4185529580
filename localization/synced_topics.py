"""Topics of a translated page always equal its source's.

wagtail-localize copies many-to-many fields when a translation is first made and never again
(and a source whose topics were all removed does not clear them). Topics are one shared
taxonomy, so a translation's topics are taken from its source whenever the translation is saved,
syncs included.
"""

from wagtail_localize.models import TranslationSource


def copy_topics_from_source(page):
    """``before_page_clean`` hook: on a translation, replace the topics with the source's.

    A page is saved several times while it is translated, so this costs two queries: the
    source's locale, then the source page's topics (a third only when it has none)."""
    if not hasattr(page, "topics") or page.pk is None:
        return
    key = page.translation_key
    source_locale_id = (
        TranslationSource.objects.filter(object_id=key).values_list("locale_id", flat=True).first()
    )
    if source_locale_id is None or source_locale_id == page.locale_id:
        return
    field = page._meta.get_field("topics")
    source_page = {"translation_key": key, "locale_id": source_locale_id}
    through_source = {f"{field.related_query_name()}__{name}": v for name, v in source_page.items()}
    topics = list(field.related_model.objects.filter(**through_source))
    if topics or type(page).objects.filter(**source_page).exists():
        page.topics = topics
