"""The admin's language of a new user: Bulgarian (`LANGUAGE_CODE`) unless they choose otherwise.

Wagtail 8 shows the admin in `UserProfile.preferred_language`; a user without a profile, or with
an empty choice, gets the language the request negotiated from the browser's Accept-Language, so
an editor whose browser asks for English got an English admin. So a profile is made at the user's
first sign-in, and any profile made without a choice gets `LANGUAGE_CODE`; the user switches in
Account settings → Language (the choices: `WAGTAILADMIN_PERMITTED_LANGUAGES`, Bulgarian and
English). A profile made with a choice keeps it. Connected in localization/signals.py."""

from django.conf import settings
from wagtail.users.models import UserProfile


def default_admin_language(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding or instance.preferred_language:
        return
    instance.preferred_language = settings.LANGUAGE_CODE


def profile_at_first_sign_in(sender, user, **kwargs):
    UserProfile.get_for_user(user)
