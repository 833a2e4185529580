"""django-csp 4 internals this project relies on; pinned by tests/compat/test_compat.py."""


def nonce_if_used(request):
    """The request's Content-Security-Policy nonce if something used it already, else None.

    ``request.csp_nonce`` makes a nonce on first use (and the policy then names it); the
    fragment cache (caching/templatetags/tagged_cache_tags.py) must know whether a fragment used
    it without making one. django-csp keeps the made nonce in ``request._csp_nonce``
    (csp/middleware.py); it has no public "was it used" (to be proposed upstream)."""
    return getattr(request, "_csp_nonce", None)
