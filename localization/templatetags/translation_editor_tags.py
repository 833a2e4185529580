"""Template tags of our override of wagtail-localize's translation editor template."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from compat import wagtail_localize as compat
from localization.quality import editor, publishing

register = template.Library()


@register.simple_tag
def translation_editor_headings(source_locale, target_locale):
    """(bundle heading, translated heading): see compat/wagtail_localize.py."""
    return compat.translation_editor_headings(source_locale, target_locale)


@register.inclusion_tag("localization/translation_quality_panel.html", takes_context=True)
def translation_quality_panel(context, translation, instance):
    """The findings and glossary terms of each segment, above the editor; the override form for
    a moderator when the translation has errors."""
    if translation is None or instance is None:
        return {"segments": []}
    return {
        **editor.panel_context(translation),
        "translation": translation,
        "may_override": publishing.may_override(context["request"].user, instance),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def show_findings_beside_segments(context, translation):
    """Put the findings into the editor's props (wagtail-localize's JSON, rendered by the
    template's ``{{ props }}``), beside each translated segment."""
    if translation is None or "props" not in context:
        return ""
    props = editor.annotate_props(json.loads(context["props"]), translation)
    context["props"] = json.dumps(props, cls=DjangoJSONEncoder)
    return ""
