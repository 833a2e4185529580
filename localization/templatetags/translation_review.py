import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page

from localization import permissions, review

register = template.Library()


@register.inclusion_tag("localization/review_panel.html", takes_context=True)
def translation_review_panel(context, translation, instance):
    """The translation editor's review panel (pages only): the workflow state, the comments and
    "Submit for review"."""
    request = context["request"]
    page = review.page_of(translation) if instance is not None else None
    if page is None:
        return {"page": None}
    return {
        **review.review_context(request.user, translation, page),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def withhold_refused_editor_links(context):
    """Take out of the translation editor's props (wagtail-localize's JSON, rendered by the
    template's ``{{ props }}``) the "Convert to alias page" link for users whom
    ``permissions.convert_to_alias`` refuses: the editor offers it to anyone who may edit."""
    instance = context.get("instance")
    if not isinstance(instance, Page) or permissions.may_publish(context["request"].user, instance):
        return ""
    props = json.loads(context["props"])
    props["links"]["convertToAliasUrl"] = None
    context["props"] = json.dumps(props, cls=DjangoJSONEncoder)
    return ""
