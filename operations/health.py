"""``/healthz`` for load balancers and orchestrators: whether this instance reaches its database
and its cache. No login, never cached; 200 when both answer, else 503, with a JSON report."""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 (any driver error means "not reachable")
        return False


def cache_reachable() -> bool:
    """A round trip through the cache (errors may be swallowed by the backend's settings, so the
    value read back is what counts)."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 (any backend's error means "not reachable")
        return False
    return found == value


@never_cache
def healthz(request):
    started = time.monotonic()
    checks = {"database": database_reachable(), "cache": cache_reachable()}
    healthy = all(checks.values())
    report = {
        "status": "ok" if healthy else "unavailable",
        **{name: "ok" if ok else "unreachable" for name, ok in checks.items()},
        "ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(report, status=200 if healthy else 503)
