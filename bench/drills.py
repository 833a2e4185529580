"""Fault drills: the site under load while PostgreSQL restarts, and while Redis is down.

    .venv/bin/python bench/drills.py [--outage 10] [--after 30]

Runs gunicorn (2 sync workers, production settings via bench/settings.py) on a throwaway
PostgreSQL database and Redis DB 8, on loopback, with 8 reader threads (during the PostgreSQL
drill each request misses the page cache, so that it reads the database; during the Redis drill
they ask for cached pages). Each drill stops a
service for ``--outage`` seconds (PostgreSQL: pg_ctlcluster stop/start; Redis: SHUTDOWN, then the
machine's start command) and prints, for before/during/after: requests by status, the slowest
answer, and how long after the service came back the first page was served again. It stops and
starts this machine's local services: run it alone, never beside tests. Results go in
docs/deploy.md ("Fault drills").
"""

import argparse
import collections
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
REDIS_START = (
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no '
    "--dir /var/lib/redis --logfile /var/log/redis/ci.log"
)
PATHS = ["/en/", "/bg/novini/", "/en/news/16-1-summit-meeting/", "/bg/sabitia/", "/en/events/"]


def sh(command, check=True):
    # The drills are shell one-liners of an operator's runbook, written in this file.
    return subprocess.run(command, shell=True, check=check, capture_output=True, text=True)  # noqa: S602


def get(url, timeout=15):
    """(status, seconds) of a GET; status 0 for a connection error or a time-out."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, time.monotonic() - started


def readers(base, stop, log, uncached, threads=8):
    """Reader threads; ``uncached`` ones add a new query string each time (a page cache miss,
    so every request reads the database)."""
    counter = iter(range(10**9))

    def loop(number):
        while not stop.is_set():
            for path in PATHS[number % len(PATHS) :] + PATHS[: number % len(PATHS)]:
                status, seconds = get(base + path + (f"?n={next(counter)}" if uncached else ""))
                log.append((time.monotonic(), status, seconds))

    workers = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def drill(name, base, stop_service, start_service, outage, after, uncached):
    """Load for 5 s, the outage, then ``after`` s: a summary by phase."""
    log, stop = [], threading.Event()
    workers = readers(base, stop, log, uncached)
    time.sleep(5)
    down_at = time.monotonic()
    stop_service()
    health_down = get(base + "/healthz")[0]
    time.sleep(outage)
    start_service()
    up_at = time.monotonic()
    time.sleep(after)
    stop.set()
    for worker in workers:
        worker.join(timeout=20)
    phases = {"before": [], "during": [], "after": []}
    for at, status, seconds in log:
        phase = "before" if at < down_at else "during" if at < up_at else "after"
        phases[phase].append((at, status, seconds))
    print(f"\n## {name}: {outage} s outage, /healthz during it: {health_down}")
    for phase, entries in phases.items():
        statuses = collections.Counter(status for _at, status, _s in entries)
        slowest = max((seconds for _at, _status, seconds in entries), default=0)
        print(f"- {phase}: {dict(sorted(statuses.items()))}, slowest {slowest:.2f} s")
    served = [at for at, status, _s in phases["after"] if status == 200]
    recovered = (served[0] - up_at) if served else None
    errors = sum(1 for _at, status, _s in log if status not in (200, 503))
    print(f"- first page served {recovered:.1f} s after the service was back" if served else "")
    print(f"- answers other than 200/503: {errors}")
    return errors, recovered


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outage", type=int, default=10)
    parser.add_argument("--after", type=int, default=30)
    args = parser.parse_args()
    cluster = sh("ls /etc/postgresql").stdout.split()[0]
    database = f"skc_drill_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="skc-drill-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_TMP": str(tmp),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": "redis://127.0.0.1:6379/8",
        "CACHE_KEY_PREFIX": f"drill-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    sh(f"createdb -h 127.0.0.1 -U postgres {database}")
    server = None
    try:
        for command in ("migrate --noinput", "load_site_content", "collectstatic --noinput"):
            subprocess.run(
                [PYTHON, "manage.py", *command.split(), "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        port = 18500 + os.getpid() % 400
        base = f"http://127.0.0.1:{port}"
        gunicorn = [str(PYTHON.with_name("gunicorn")), "config.wsgi", "-w", "2", "-b", base[7:]]
        server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        while get(base + "/healthz", timeout=2)[0] != 200:
            time.sleep(0.5)
        pg = f"pg_ctlcluster --skip-systemctl-redirect {cluster} main"
        results = [
            drill(
                "PostgreSQL restarted under load",
                base,
                lambda: sh(f"{pg} stop -m fast"),
                lambda: sh(f"{pg} start"),
                args.outage,
                args.after,
                uncached=True,
            ),
            drill(
                "Redis down under load",
                base,
                lambda: sh("redis-cli -h 127.0.0.1 -p 6379 shutdown nosave", check=False),
                lambda: sh(REDIS_START),
                args.outage,
                args.after,
                uncached=False,
            ),
        ]
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        sh(f"pg_ctlcluster --skip-systemctl-redirect {cluster} main start", check=False)
        if sh("redis-cli -h 127.0.0.1 -p 6379 ping", check=False).returncode:
            sh(REDIS_START, check=False)
        time.sleep(2)
        sh(f"dropdb -h 127.0.0.1 -U postgres --if-exists {database}", check=False)
    failed = any(errors or recovered is None or recovered > 30 for errors, recovered in results)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
