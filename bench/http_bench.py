"""HTTP benchmark of the site under gunicorn, cold, uncached and cached, against a bare Django
floor.

Run from the repository root (results and how to read them: docs/performance.md):

    .venv/bin/python bench/http_bench.py [--duration 5] [--connections 16] [--postgres] [--redis]
                                         [--markdown]

It installs wrk (Debian's package) when missing, loads the site's content into a throwaway
database (a temporary SQLite file, or with --postgres a PostgreSQL database on 127.0.0.1:5432,
dropped at the end), runs collectstatic, serves the site with gunicorn (2 sync workers,
production settings via bench/settings.py) in each mode of MODES (cold: no page or fragment
cache; uncached: no page cache; cached: both), and
a bare "ok" view (bench/floor_app.py) the same way. Every address of both languages is checked
for a 200, warmed up for a second, then loaded with wrk for --duration seconds; traffic goes to
127.0.0.1 only. Progress goes to stderr, the report to stdout. Everything started is stopped and
removed at the end, also on Ctrl-C; only staticfiles/ (collectstatic) is written in the
repository."""

import argparse
import contextlib
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from common import fetch, free_port, log, run, site_env

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
TICKS = os.sysconf("SC_CLK_TCK")
LANGS = ("bg", "en")
REDIS_URL = "redis://127.0.0.1:6379/14"
SEARCH_WORD = {"bg": "клъстер", "en": "cluster"}
# (mode, PAGE_CACHE_SECONDS, FRAGMENT_CACHE_SECONDS): "cold" renders everything from the
# database; "uncached" is what a reader the page cache does not serve gets (signed in, a page with
# a form, a new query string): the page rendered, its template fragments kept; "cached" is the
# anonymous page cache.
MODES = (("cold", "0", "0"), ("uncached", "0", "3600"), ("cached", "300", "3600"))
PAGE_KINDS = ("home", "news index", "news", "event index", "event", "label", "funding")
DETAIL_KINDS = ("news", "event", "label", "funding")
LISTING_KINDS = ("home", "news index", "event index")
CACHED_KINDS = tuple(kind for kind in PAGE_KINDS if kind != "label")
# A news page asked for with a new utm_source on every request (wrk script UNIQUE_UTM): a shared
# link's readers, or a flood of made-up query strings, must be served the page's one entry.
UNIQUE_UTM_KIND = "news, unique utm"
UNIQUE_UTM = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local count = 0
function request()
  count = count + 1
  return wrk.format(nil, wrk.path .. "?utm_source=bench-" .. id .. "-" .. count)
end
"""
TARGETS = [  # (label, mode or None for both, kinds, lowest ratio to the floor's req/s)
    ("uncached detail pages (news, event, label, funding)", "uncached", DETAIL_KINDS, 0.055),
    ("uncached home and listings (home, news index, event index)", "uncached", LISTING_KINDS, 0.04),
    # The label page has a form with a CSRF token: never in the page cache (by design).
    ("cached anonymous pages (home, listings, news, event, funding)", "cached", CACHED_KINDS, 0.5),
    ("cached news page, a unique utm_source per request", "cached", (UNIQUE_UTM_KIND,), 0.5),
    ("static file through whitenoise", None, ("static",), 0.8),
]

# Printed as JSON by `manage.py shell`: the first live page of each type in each language.
DISCOVER = """
import json
from urllib.parse import urlsplit
from django.conf import settings
from home.models import HomePage
from pages.models import (ClusterLabelPage, EventIndexPage, EventPage, NewsIndexPage, NewsPage,
    ProjectFundingPage)
models = {"home": HomePage, "news index": NewsIndexPage, "news": NewsPage,
    "event index": EventIndexPage, "event": EventPage, "label": ClusterLabelPage,
    "funding": ProjectFundingPage}
found = {}
for kind, model in models.items():
    for lang in ("bg", "en"):
        pages = model.objects.live().public().filter(locale__language_code=lang)
        page = pages.order_by("path").first()
        found[kind + "/" + lang] = urlsplit(page.url).path if page else None
found["cache"] = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
print(json.dumps(found))
"""


def ensure_wrk():
    """Install Debian's wrk when it is missing (apt-get update only if the install fails)."""
    if shutil.which("wrk"):
        return
    log("wrk is missing: apt-get install -y wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, capture_output=True, timeout=600).returncode != 0:
        run(["apt-get", "update", "-q"], timeout=600, env=env)
        run(install, timeout=600, env=env)


def proc_stat(pid):
    """(parent pid, CPU seconds in user and system mode) of a process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


class Gunicorn:
    """`gunicorn APP -w 2 -k sync` on a free loopback port, in its own process group."""

    def __init__(self, app, env, logfile):
        self.port = free_port()
        self.logfile = logfile
        with open(logfile, "ab") as out:
            bind = f"127.0.0.1:{self.port}"
            self.proc = subprocess.Popen(
                [VENV_BIN / "gunicorn", app, "-w", "2", "-k", "sync", "-b", bind],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                fetch(self.port, path)
                return
            time.sleep(0.3)
        tail = Path(self.logfile).read_text(errors="replace")[-3000:]
        raise RuntimeError(f"gunicorn did not answer on port {self.port}:\n{tail}")

    def cpu_seconds(self):
        """CPU time used so far by the master and its workers."""
        total = 0.0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                ppid, cpu = proc_stat(entry.name)
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
            if self.proc.pid in (int(entry.name), ppid):
                total += cpu
        return total

    def stop(self):
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1e3, "m": 6e4, "h": 3.6e6}[unit]


def parse_wrk(output):
    """Requests/s, requests completed, p50 and p99 in ms, and errors from wrk --latency."""
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        "errors": (int(non_2xx[1]) if non_2xx else 0)
        + (sum(map(int, sockets.groups())) if sockets else 0),
    }


def measure(server, path, args, script=None):
    """Warm both workers up (1 s, not measured), then load one address with wrk (through the Lua
    file ``script`` when given); add the CPU ms per request of the gunicorn processes."""
    url = f"http://127.0.0.1:{server.port}{path}"
    lua = ["-s", str(script)] if script else []
    run(["wrk", "-t2", "-c4", "-d1s", *lua, url], timeout=60)
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", *lua, url]
    before = server.cpu_seconds()
    result = parse_wrk(run(cmd, timeout=args.duration + 60))
    cpu = server.cpu_seconds() - before
    result["cpu_ms"] = 1000 * cpu / result["requests"] if result["requests"] else float("nan")
    return result


def site_paths(env):
    """(kind, language, path) of every address to measure, from the loaded database, and the
    name of the site's cache backend."""
    output = run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", DISCOVER], 300, cwd=ROOT, env=env
    )
    pages = json.loads(output.strip().splitlines()[-1])
    paths = []
    for lang in LANGS:
        paths += [(kind, lang, pages[f"{kind}/{lang}"]) for kind in PAGE_KINDS]
        paths.append((UNIQUE_UTM_KIND, lang, pages[f"news/{lang}"]))
        paths += [
            ("search", lang, f"/{lang}/search/?q={quote(SEARCH_WORD[lang])}"),
            ("rss feed", lang, f"/{lang}/feeds/news.rss"),
            ("ics", lang, f"/{lang}/feeds/events.ics"),
        ]
    return paths, pages["cache"]


def stylesheet_path(html):
    """The href of the page's first <link rel="stylesheet">."""
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r"""href=["']([^"']+)["']""", tag)
        if re.search(r"""rel=["']?stylesheet""", tag) and href:
            return urlsplit(href[1]).path
    raise RuntimeError("the home page has no <link rel=stylesheet>")


def bench_site(mode, env, paths, args, tmp, stack):
    """Serve the site in one mode, check every address, then measure each one."""
    server = Gunicorn("config.wsgi", env, tmp / f"gunicorn-{mode}.log")
    stack.callback(server.stop)
    server.wait_until_ready("/bg/")
    home = fetch(server.port, next(p for k, lang, p in paths if k == "home"))[2].decode()
    paths = [*paths, ("static", "-", stylesheet_path(home))]
    rows = []
    for kind, lang, path in paths:
        row = {"kind": kind, "lang": lang, "mode": mode, "path": path}
        rows.append(row)
        if path is None:
            row["problem"] = "no such page"
            continue
        first, second = path, path
        if kind == UNIQUE_UTM_KIND:  # the second answer, with another utm_source: a HIT
            first, second = f"{path}?utm_source=check-1", f"{path}?utm_source=check-2"
        status = fetch(server.port, first)[0]
        if status != 200:
            row["problem"] = f"HTTP {status}"
            continue
        _, headers, body = fetch(server.port, second)  # the second answer
        row["kb"] = len(body) / 1024
        row["x_cache"] = headers.get("X-Cache", "-")
        row["cookies"] = [c.split("=", 1)[0] for c in headers.get_all("Set-Cookie") or []]
        if kind == "static":
            row["cache_control"] = headers.get("Cache-Control", "")
    for row in rows:
        if "problem" in row:
            log(f"  {mode:8} {row['kind']:12} {row['lang']}: {row['problem']} ({row['path']})")
            continue
        log(f"  {mode:8} {row['kind']:12} {row['lang']:2} {row['path']}")
        script = None
        if row["kind"] == UNIQUE_UTM_KIND:
            script = tmp / "unique_utm.lua"
            script.write_text(UNIQUE_UTM)
        row.update(measure(server, row["path"], args, script))
    server.stop()
    return rows


def delete_keys(client, pattern):
    """Remove the benchmark's keys from Redis."""
    for key in client.scan_iter(pattern):
        client.delete(key)


def machine():
    def first(path, key):
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
        return "?"

    memory_gib = int(first("/proc/meminfo", "MemTotal").split()[0]) / 2**20
    return f"{os.cpu_count()} CPUs, {first('/proc/cpuinfo', 'model name')}, {memory_gib:.1f} GiB"


def git_state():
    """The commit measured, and whether the work tree differs from it."""
    try:
        head = run(["git", "rev-parse", "--short", "HEAD"], 30, cwd=ROOT).strip()
        dirty = run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--", ".", ":!bench"],
            30,
            cwd=ROOT,
        ).strip()
    except (OSError, RuntimeError):
        return f"{ROOT} (not a git work tree)"
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows, floor_rps, markdown):
    header = [
        "kind",
        "lang",
        "mode",
        "req/s",
        "x floor",
        "p50 ms",
        "p99 ms",
        "CPU ms/req",
        "KB",
        "X-Cache",
    ]
    lines = []
    for row in rows:
        if "problem" in row:
            lines.append([row["kind"], row["lang"], row["mode"], row["problem"], *["-"] * 6])
            continue
        lines.append(
            [
                row["kind"],
                row["lang"],
                row["mode"],
                fmt(row["rps"]),
                fmt(row["rps"] / floor_rps, 3),
                fmt(row["p50"]),
                fmt(row["p99"]),
                fmt(row["cpu_ms"], 2),
                fmt(row.get("kb")),
                row.get("x_cache", "-"),
            ]
        )
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * 3 + "---:|" * 6 + "---|"]
        return "\n".join([*out, *("| " + " | ".join(line) + " |" for line in lines)])
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    left = 3  # text columns; the numbers are right-aligned

    def line_text(cells):
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line_text(header), *(line_text(line) for line in lines)])


def summary(rows, floor_rps):
    """One PASS/FAIL line per target, naming the slowest address of the group."""
    out = []
    for label, mode, kinds, target in TARGETS:
        group = [r for r in rows if r["kind"] in kinds and mode in (None, r["mode"])]
        measured = [r for r in group if "rps" in r]
        worst = min(measured, key=lambda r: r["rps"], default=None)
        ratio = worst["rps"] / floor_rps if worst else 0.0
        passed = worst is not None and len(measured) == len(group) and ratio >= target
        where = f"{worst['kind']} {worst['lang']} {worst['mode']}" if worst else "nothing measured"
        unchecked = len(group) - len(measured)
        missing = f"; {unchecked} not measured" if unchecked else ""
        out.append(
            f"{'PASS' if passed else 'FAIL'}  {label}: lowest {ratio:.3f} x floor "
            f"({where}){missing}; target >= {target}"
        )
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per address")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL on 127.0.0.1:5432")
    parser.add_argument("--redis", action="store_true", help="Redis cache on 127.0.0.1:6379/14")
    parser.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    parser.add_argument(
        "--modes",
        default=",".join(mode for mode, *_ in MODES),
        help="comma-separated modes to measure (default: all)",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with contextlib.ExitStack() as stack:
            return bench(args, stack)
    except KeyboardInterrupt:
        log("interrupted; everything started was stopped")
        return 130
    except RuntimeError as error:
        log(f"error: {error}")
        return 1


def make_database(args, token, tmp, stack):
    """A throwaway database, removed when the benchmark ends: its DATABASE_URL."""
    if not args.postgres:
        return f"sqlite:///{tmp / 'db.sqlite3'}"
    name = f"skc_bench_{token}"
    psql = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres", "-q"]
    psql += ["-v", "ON_ERROR_STOP=1", "-c"]
    stack.callback(run, [*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], 60)
    run([*psql, f"CREATE DATABASE {name}"], 60)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def site_envs(args, token, tmp, database_url, stack):
    """The environment of the site in each mode: production settings, files in tmp."""
    base = site_env(
        tmp, database_url, without=("REDIS_URL", "PAGE_CACHE_SECONDS", "FRAGMENT_CACHE_SECONDS")
    )
    if args.redis:
        import redis  # django-redis's dependency, in the venv

        base["REDIS_URL"] = REDIS_URL
        stack.callback(delete_keys, redis.Redis.from_url(REDIS_URL), f"skc-bench-{token}-*")
    return {
        mode: {
            **base,
            "PAGE_CACHE_SECONDS": page_seconds,
            "FRAGMENT_CACHE_SECONDS": fragment_seconds,
            "CACHE_KEY_PREFIX": f"skc-bench-{token}-{mode}",
        }
        for mode, page_seconds, fragment_seconds in MODES
        if mode in args.modes.split(",")
    }


def bench(args, stack):
    """Set up, measure the floor and both modes of the site, print the report."""
    ensure_wrk()
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        log(f"warning: load average {load_before[0]:.2f}: other work competes for the CPU")
    token = secrets.token_hex(4)
    tmp = Path(tempfile.mkdtemp(prefix="skc-bench-"))
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    envs = site_envs(args, token, tmp, make_database(args, token, tmp, stack), stack)
    if not envs:
        raise RuntimeError(f"--modes: choose among {', '.join(m for m, *_ in MODES)}")
    first_env = next(iter(envs.values()))
    for command in (
        ["migrate", "--noinput"],
        ["load_site_content"],
        ["collectstatic", "--noinput"],
    ):
        log(f"manage.py {' '.join(command)}")
        run([sys.executable, "manage.py", *command, "-v", "0"], 900, cwd=ROOT, env=first_env)
    paths, cache_backend = site_paths(first_env)

    log("floor: bench/floor_app.py, measured first and last")
    floor = Gunicorn("bench.floor_app", first_env, tmp / "gunicorn-floor.log")
    stack.callback(floor.stop)
    floor.wait_until_ready("/")
    if fetch(floor.port, "/")[0] != 200:
        raise RuntimeError("the floor app does not answer 200")
    rows = [{"kind": "floor", "lang": "-", "mode": "first", **measure(floor, "/", args)}]
    for mode, env in envs.items():
        rows += bench_site(mode, env, paths, args, tmp, stack)
    rows.append({"kind": "floor", "lang": "-", "mode": "last", **measure(floor, "/", args)})
    floor.stop()
    floor_rps = (rows[0]["rps"] + rows[-1]["rps"]) / 2

    static = next(r for r in rows if r["kind"] == "static")
    immutable = "yes" if "immutable" in static.get("cache_control", "") else "NO"
    info = [
        f"date: {started:%Y-%m-%d %H:%M %Z}",
        f"machine: {machine()}",
        f"load average (1 min) before/after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f}",
        f"code: {git_state()}",
        f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; cache: {cache_backend}",
        f"load: wrk -t2 -c{args.connections} -d{args.duration}s; "
        "gunicorn -w 2 -k sync on 127.0.0.1",
        f"floor: {floor_rps:.0f} req/s (mean of the first and last runs; ratios use it)",
        f"static {static['path']}: Cache-Control {static.get('cache_control')!r}, "
        f"immutable: {immutable}",
    ]
    drift = abs(rows[0]["rps"] - rows[-1]["rps"]) / floor_rps
    if drift > 0.2:
        info.append(
            f"warning: the floor moved {drift:.0%} during the run: other work shared the CPU"
        )
    report(rows, floor_rps, info, args.markdown)
    return 1 if any("problem" in r for r in rows) else 0


def report(rows, floor_rps, info, markdown):
    """Print the machine and settings, the table, the targets and any notes."""
    bullet = "- " if markdown else ""
    notes = [
        f"{r['kind']} {r['lang']} {r['mode']}: {r['errors']} errors"
        for r in rows
        if r.get("errors")
    ]
    notes += [
        f"{r['kind']} {r['lang']} {r['mode']}: sets cookies for an anonymous reader: "
        + ", ".join(r["cookies"])
        for r in rows
        if r.get("cookies")
    ]
    print("\n".join(bullet + line for line in info))
    print()
    print(table(rows, floor_rps, markdown))
    print()
    print("\n".join(bullet + line for line in summary(rows, floor_rps)))
    if notes:
        print()
        print("\n".join(bullet + "note: " + note for note in notes))


if __name__ == "__main__":
    sys.exit(main())
