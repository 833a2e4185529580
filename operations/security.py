"""Content Security Policy (django-csp 4): a strict nonce-based policy for the public site, and
the policy Wagtail's admin needs (its pages carry inline scripts and styles) under /admin/."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path.startswith(ADMIN_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_preview", False):  # Wagtail's preview, framed by the admin
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
