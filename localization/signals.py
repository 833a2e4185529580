"""The localization room's signal receivers, each connected for its sender in
``LocalizationConfig.ready()``: a new user's admin language (localization/admin_language.py),
and translation sources kept current on publish (localization/outdated.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from wagtail.models import get_page_models
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from localization import admin_language, outdated


def connect() -> None:
    pre_save.connect(
        admin_language.default_admin_language,
        sender=UserProfile,
        dispatch_uid="localization.default_admin_language",
    )
    user_logged_in.connect(
        admin_language.profile_at_first_sign_in,
        sender=get_user_model(),
        dispatch_uid="localization.profile_at_first_sign_in",
    )
    for model in get_page_models():
        page_published.connect(
            outdated.keep_source_current,
            sender=model,
            dispatch_uid=f"localization.keep_source_current.{model._meta.label_lower}",
        )
