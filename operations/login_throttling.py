"""Throttling of the admin's login and password reset.

django-axes counts failed logins per user name and client address and locks the pair after
``AXES_FAILURE_LIMIT`` failures, until an administrator runs ``manage.py axes_reset_username``
(or ``axes_reset``). Per account, ``SIGN_IN_ACCOUNT_LIMIT`` failures from any addresses within
its period pause signing in to it for everyone, for that period at most (``AccountPausingHandler``).
The login form then says which, in the admin's language, instead of "wrong password", and the page
is answered with 429. Password reset requests are limited per client address (a form error) and
per e-mail address (silently: the page never tells whether an address has an account).
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessFailureLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.account import PasswordResetView

from operations.rate_limit import RateLimit, client_ip

LOCKED_OUT_MESSAGE = _(
    "Too many failed sign-in attempts for this account from your address: signing in is "
    "locked. Ask an administrator to unlock it."
)
ACCOUNT_PAUSED_MESSAGE = _(
    "Too many failed sign-in attempts for this account: signing in to it is paused for up to "
    "%(minutes)s minutes. Please try again later, or ask an administrator to unlock it."
)
TOO_MANY_RESETS_MESSAGE = _(
    "Too many password reset requests from your address. Please try again in an hour."
)
TOO_MANY_REQUESTS = 429

PASSWORD_RESETS_PER_ADDRESS = RateLimit("password-reset-ip", "PASSWORD_RESET_LIMIT")
PASSWORD_RESETS_PER_EMAIL = RateLimit("password-reset-email", "PASSWORD_RESET_EMAIL_LIMIT")


class AccountPausingHandler(AxesDatabaseHandler):
    """django-axes' database handler (``AXES_HANDLER``), whose locks per user name and address
    stay until an administrator lifts them, with a pause per account on top: django-axes has one
    failure limit and one cool-off for all its lockout parameters, so the account's shorter one is
    counted here, from django-axes' own log of failures (``AXES_ENABLE_ACCESS_FAILURE_LOG``)."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if self.account_is_paused(request, credentials):
            request.axes_account_paused = True
            return True
        return False

    def account_is_paused(self, request, credentials=None) -> bool:
        """Whether the user name has had ``SIGN_IN_ACCOUNT_LIMIT`` failures within its period."""
        limit, seconds = settings.SIGN_IN_ACCOUNT_LIMIT
        username = get_client_username(request, credentials)
        if username is None:
            return False
        now = getattr(request, "axes_attempt_time", None) or timezone.now()
        failures = AccessFailureLog.objects.filter(
            username=username, attempt_time__gt=now - timedelta(seconds=seconds)
        )
        return failures.count() >= limit

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        """The ``axes_reset*`` commands: what lifts a lock also ends an account's pause."""
        failures = AccessFailureLog.objects.all()
        if ip_or_username:
            failures = failures.filter(Q(ip_address=ip_address) | Q(username=username))
        else:
            if ip_address:
                failures = failures.filter(ip_address=ip_address)
            if username:
                failures = failures.filter(username=username)
        failures.delete()
        return super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )


class LoginForm(WagtailLoginForm):
    """Wagtail's login form (``WAGTAILADMIN_USER_LOGIN_FORM``), which tells a locked-out user
    why the right password is refused."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "locked_out": LOCKED_OUT_MESSAGE,
        "account_paused": ACCOUNT_PAUSED_MESSAGE,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form gives the password no label: Django makes an untranslated "Password".
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_account_paused", False):
                raise ValidationError(
                    self.error_messages["account_paused"],
                    code="account_paused",
                    params={"minutes": settings.SIGN_IN_ACCOUNT_LIMIT[1] // 60},
                ) from None
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(
                    self.error_messages["locked_out"], code="locked_out"
                ) from None
            raise


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the login page as rendered (with the lockout message on its
    form), answered with 429 Too Many Requests."""
    if isinstance(original_response, HttpResponseBase):
        response = original_response
    else:
        response = HttpResponse(str(LOCKED_OUT_MESSAGE), content_type="text/plain; charset=utf-8")
    response.status_code = TOO_MANY_REQUESTS
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset form, limited per client address and per e-mail address."""

    def post(self, request, *args, **kwargs):
        if PASSWORD_RESETS_PER_ADDRESS.hit(client_ip(request)):
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.add_error(None, TOO_MANY_RESETS_MESSAGE)
        response = self.form_invalid(form)
        response.status_code = TOO_MANY_REQUESTS
        return response

    def form_valid(self, form):
        if not PASSWORD_RESETS_PER_EMAIL.hit(form.cleaned_data["email"].casefold()):
            return HttpResponseRedirect(self.get_success_url())  # as if sent: no address leaks
        return super().form_valid(form)
