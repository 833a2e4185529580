"""Throttling of the admin's login and password reset.

django-axes counts failed logins per user name and client address and locks the pair after
``AXES_FAILURE_LIMIT`` failures, until an administrator runs ``manage.py axes_reset_username``
(or ``axes_reset``). The login form then says so, in the admin's language, instead of "wrong
password", and the page is answered with 429. Password reset requests are limited per client
address (a form error) and per e-mail address (silently: the page never tells whether an address
has an account).
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.account import PasswordResetView

from pages.rate_limit import RateLimit, client_ip

LOCKED_OUT_MESSAGE = _(
    "Too many failed sign-in attempts for this account from your address: signing in is "
    "locked. Ask an administrator to unlock it."
)
TOO_MANY_RESETS_MESSAGE = _(
    "Too many password reset requests from your address. Please try again in an hour."
)
TOO_MANY_REQUESTS = 429

PASSWORD_RESETS_PER_ADDRESS = RateLimit("password-reset-ip", "PASSWORD_RESET_LIMIT")
PASSWORD_RESETS_PER_EMAIL = RateLimit("password-reset-email", "PASSWORD_RESET_EMAIL_LIMIT")


class LoginForm(WagtailLoginForm):
    """Wagtail's login form (``WAGTAILADMIN_USER_LOGIN_FORM``), which tells a locked-out user
    why the right password is refused."""

    error_messages = {**WagtailLoginForm.error_messages, "locked_out": LOCKED_OUT_MESSAGE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form gives the password no label: Django makes an untranslated "Password".
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
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
