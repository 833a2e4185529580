"""Structured logs: one JSON line per request (method, path, status, time, page cache) and per
log record, on stdout, for a log collector to read."""

import json
import logging
import time

logger = logging.getLogger("skc.requests")


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message and any ``extra`` fields
    given under ``fields``."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Logs every request once it is answered (outermost, so the time covers everything)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        log_request(request, response.status_code, started, response.get("X-Cache"))
        return response


def log_request(request, status, started, cache=None):
    """The request's line: method, path, status, milliseconds since ``started`` (a
    ``time.monotonic()``) and, when the page cache answered or stored it, HIT or MISS."""
    fields = {
        "method": request.method,
        "path": request.path,
        "status": status,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }
    if cache:
        fields["cache"] = cache
    logger.info("%s %s %s", request.method, request.path, status, extra={"fields": fields})
