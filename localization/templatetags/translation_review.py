from django import template

from localization import review

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
