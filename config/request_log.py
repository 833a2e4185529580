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
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
        if "X-Cache" in response:
            fields["cache"] = response["X-Cache"]
        logger.info(
            "%s %s %s", request.method, request.path, response.status_code, extra={"fields": fields}
        )
        return response
