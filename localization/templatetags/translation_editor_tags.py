"""Template tags of our override of wagtail-localize's translation editor template."""

from django import template

from compat import wagtail_localize as compat

register = template.Library()


@register.simple_tag
def translation_editor_headings(source_locale, target_locale):
    """(bundle heading, translated heading): see compat/wagtail_localize.py."""
    return compat.translation_editor_headings(source_locale, target_locale)
