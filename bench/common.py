"""Helpers the benchmark scripts share: messages, commands, loopback ports, one HTTP request."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd, timeout, **kwargs):
    """Run a command, raising with its output when it fails."""
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, method="GET", body=None, headers=None, timeout=30):
    """One request to 127.0.0.1:port, redirects not followed: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def site_env(tmp, database_url, without=(), **extra):
    """The environment of a benchmarked site: the production settings with its files in ``tmp``
    (bench/settings.py), on loopback, over plain HTTP; ``without`` names variables to drop."""
    env = {k: v for k, v in os.environ.items() if k not in without}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_TMP=str(tmp),
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        **extra,
    )
    return env
