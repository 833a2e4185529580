"""Translate a page or snippet through wagtail-localize the way a translator does.

A ``TranslationSource`` is made (or updated) from the source object, a ``Translation`` into the
target locale is opened, the translator's strings are stored as ``StringTranslation`` rows, and the
target is saved, so that a later edit of the source can be synced like any other translation.
"""

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from localization.quality import publishing


class UntranslatedStringsError(ValueError):
    """Raised when the source has strings the given translations do not cover."""


@transaction.atomic
def translate_with_strings(
    instance, locale: Locale, strings: dict[str, str], slug=None, publish=True, user=None
):
    """Translate ``instance`` into ``locale`` using ``strings`` (source text -> translated text).

    A page's slug is one of its segments: ``slug`` gives the translation's (default: the
    source's). Every string segment of the source must be covered: a page is never published
    with the other language's text. A translation to be published (or a snippet without drafts)
    is checked first: ``PublishingRefused`` on errors a moderator did not override, with
    nothing saved. Returns the translated instance.
    """
    if isinstance(instance, Page):
        strings = {**strings, instance.slug: slug or instance.slug}
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = sorted({s.string.data for s in segments if s.string.data not in strings})
    if missing:
        raise UntranslatedStringsError(
            f"{instance!r} has strings with no translation into {locale.language_code}: {missing}"
        )
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    # Save a draft, then publish it here rather than through save_target's on_commit hook: in a
    # bulk load inside one transaction, a deferred publish would run after the children were
    # added and write back the parent's stale tree counters (numchild).
    has_drafts = isinstance(instance, DraftStateMixin)
    if publish or not has_drafts:
        reason = publishing.translation_refusal(translation, publishing.target_of(translation))
        if reason:
            raise publishing.PublishingRefused(reason)
    translation.save_target(user=user, publish=not has_drafts)
    translated = source.get_translated_instance(locale)
    if publish and has_drafts:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
