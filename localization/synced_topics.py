"""Topics of a translated page always equal its source's.

wagtail-localize copies many-to-many fields when a translation is first made and never again
(and a source whose topics were all removed does not clear them). Topics are one shared
taxonomy, so a translation's topics are taken from its source whenever the translation is saved,
syncs included.
"""

from wagtail.models import Page
from wagtail_localize.models import TranslationSource


def copy_topics_from_source(page):
    """``before_page_clean`` hook: on a translation, replace the topics with the source's."""
    if not hasattr(page, "topics") or page.pk is None:
        return
    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    if source is None or source.locale_id == page.locale_id:
        return
    original = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .specific()
        .first()
    )
    if original is not None:
        page.topics = list(original.topics.all())
