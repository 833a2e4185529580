"""Soak test: the site under steady mixed load for a long while, watching memory and freshness.

Run from the repository root:

    .venv/bin/python bench/soak.py [--minutes 30] [--readers 16] [--editors 2]
                                   [--publish-every 5] [--sample-every 10]

It creates a throwaway PostgreSQL database skc_soak_<pid> (127.0.0.1:5432, user postgres), loads
it as `make run` does (migrate, load_site_content) with an administrator (ensure_admin), runs
collectstatic, and serves the site with gunicorn (2 sync workers, the production settings with
their files in a temporary directory: bench/settings.py) and a Redis cache
(redis://127.0.0.1:6379/10, a key prefix of its own). When the settings queue background tasks in
the database (django-tasks), `manage.py db_worker` runs beside it, as in production.

Then, for --minutes:
- readers (threads, no think time) fetch the public addresses of both languages found in
  /sitemap.xml and in the pages' own links (listing filters and pages, calendars), searches, the
  RSS/Atom feeds and .ics calendars, and now and then an address that does not exist (an expected
  404);
- editors (threads) log in to the admin over HTTP and every --publish-every seconds open an English
  news page's edit form, give it a new title and publish it by posting the form, as the browser
  does; the next reader request for the page (and for the news listing) must show the new title;
- every --sample-every seconds the resident memory (VmRSS) of each gunicorn worker is sampled.

At the end it prints requests, errors, throughput, latency percentiles, memory per worker at the
start, middle and end with its slope, and the editors' publishes with their freshness. Traffic goes
to 127.0.0.1 only. Everything started (processes, database, cache keys, files) is removed at the
end, also on an error or Ctrl-C. Progress goes to stderr, the report to stdout; the exit status is
1 when there were errors, failed publishes or stale reads.
"""

import argparse
import contextlib
import html
import http.client
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin, urlsplit

from common import fetch, free_port, log, run, site_env

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/10"
PSQL = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres", "-q"]
ADMIN_USER = "soak-admin"
SEARCH_WORDS = {
    "bg": ["клъстер", "София", "иновации", "енергия", "среща"],
    "en": ["cluster", "Sofia", "innovation", "energy", "meeting"],
}
REQUEST_TIMEOUT = 30
# Kinds of reader requests and their shares of the traffic.
MIX = [("page", 78), ("search", 8), ("feed", 6), ("ics", 5), ("missing", 3)]

# Printed as JSON by `manage.py shell`: the English news pages an editor may change (sources of
# translations, which the ordinary page editor edits), and the news listings.
DISCOVER = """
import json
from urllib.parse import urlsplit
from django.conf import settings
from pages.models import NewsIndexPage, NewsPage
pages = NewsPage.objects.live().public().filter(locale__language_code="en").order_by("-date", "pk")
print(json.dumps({
    "news": [{"id": p.pk, "path": urlsplit(p.url).path, "title": p.title} for p in pages],
    "indexes": [urlsplit(p.url).path for p in NewsIndexPage.objects.live()],
    "tasks": "django_tasks_db" in settings.INSTALLED_APPS,
}))
"""


def rss_kib(pid):
    """Resident memory of a process in KiB (VmRSS), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid):
    """The pids of a process's children, from /proc."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            found.append(int(entry.name))
    return sorted(found)


class Service:
    """A long-running command in its own process group, its output in a log file."""

    def __init__(self, name, cmd, env, logfile):
        self.name, self.logfile = name, logfile
        with open(logfile, "ab") as out:
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def tail(self, size=3000):
        return Path(self.logfile).read_text(errors="replace")[-size:]

    def stop(self):
        if self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


# --- The editor: the admin's edit form, filled in and posted as a browser does ----------------


class FormFields(HTMLParser):
    """The successful controls of one <form> (by id) as (name, value) pairs, in document order,
    and the StreamField editors (rendered by JavaScript from JSON) inside it."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.action = form_id, None
        self.inside = self.done = False
        self.templates = 0
        self.fields, self.streams = [], []
        self.textarea = self.select = self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id and not self.done:
            self.inside, self.action = True, attrs.get("action")
            return
        if not self.inside:
            return
        if tag == "template":  # the empty forms that JavaScript copies: never submitted
            self.templates += 1
        if self.templates or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "div" and "w-block" in (attrs.get("data-controller") or "").split():
            self.streams.append(
                (
                    attrs["id"],
                    json.loads(attrs["data-w-block-data-value"]),
                    json.loads(attrs["data-w-block-arguments-value"])[0],
                )
            )
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select["options"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "template" and self.templates:
            self.templates -= 1
        elif tag == "form" and not self.templates:
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # The newline right after <textarea> is not part of the value.
            self.fields.append(
                (name, text[2:] if text.startswith("\r\n") else text.removeprefix("\n"))
            )
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = [(v if v is not None else t.strip(), s) for v, s, t in self.select["options"]]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = self.option = None


def unpack(value, refs):
    """Decode telepath's JSON (the StreamField's block definitions) into plain dicts."""
    if isinstance(value, list):
        return [unpack(item, refs) for item in value]
    if not isinstance(value, dict):
        return value
    if "_ref" in value:
        return refs[value["_ref"]]
    if "_type" in value:
        result = {"_type": value["_type"], "_args": unpack(value.get("_args", []), refs)}
    elif "_val" in value:
        result = unpack(value["_val"], refs)
    elif "_list" in value:
        result = unpack(value["_list"], refs)
    elif "_dict" in value:
        result = {key: unpack(item, refs) for key, item in value["_dict"].items()}
    else:
        result = {key: unpack(item, refs) for key, item in value.items() if key != "_id"}
    if "_id" in value:
        refs[value["_id"]] = result
    return result


def block_fields(block, value, prefix):
    """The form fields that Wagtail's StreamField JavaScript submits for a block's value."""
    kind, args = block["_type"].rsplit(".", 1)[-1], block["_args"]
    if kind == "StreamBlock":
        children = {child["_args"][0]: child for _group, group in args[1] for child in group}
        fields = [(f"{prefix}-count", str(len(value)))]
        for index, item in enumerate(value):
            here = f"{prefix}-{index}"
            fields += [(f"{here}-type", item["type"]), (f"{here}-deleted", "")]
            fields += [(f"{here}-order", str(index)), (f"{here}-id", item.get("id") or "")]
            fields += block_fields(children[item["type"]], item["value"], f"{here}-value")
        return fields
    if kind == "ListBlock":
        fields = [(f"{prefix}-count", str(len(value)))]
        for index, item in enumerate(value):
            here = f"{prefix}-{index}"
            fields += [(f"{here}-deleted", ""), (f"{here}-order", str(index))]
            fields += [(f"{here}-id", item.get("id") or "")]
            fields += block_fields(args[1], item["value"], f"{here}-value")
        return fields
    if kind == "StructBlock":
        fields = []
        for child in args[1]:
            name = child["_args"][0]
            fields += block_fields(child, (value or {}).get(name), f"{prefix}-{name}")
        return fields
    # A field block: its widget's value as a form posts it.
    if isinstance(value, bool):
        return [(prefix, "on")] if value else []
    if isinstance(value, dict):  # a chooser: {"id": ..., "title"/"preview"...}
        return [(prefix, str(value.get("id", "")))]
    if isinstance(value, list):  # a multiple choice
        return [(prefix, str(item)) for item in value]
    return [(prefix, "" if value is None else str(value))]


class AdminClient:
    """An editor's browser over plain HTTP. The production settings mark cookies Secure, which
    a client only sends back over HTTPS, so this one keeps and sends them itself."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        status, response_headers, content = fetch(self.port, path, method, body, headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return status, response_headers, content.decode("utf-8", "replace")

    def log_in(self, username, password):
        path = "/admin/login/"
        _status, _headers, page = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        status, _headers, page = self.request("POST", path, fields)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"the editor could not log in: HTTP {status}\n{page[:1000]}")

    def publish_title(self, page_id, title):
        """Open the page's edit form, change its title, publish: (ok, detail)."""
        path = f"/admin/pages/{page_id}/edit/"
        status, _headers, page = self.request("GET", path)
        if status != 200:
            return False, f"edit form: HTTP {status}"
        form = FormFields("page-edit-form")
        form.feed(page)
        stream_names = {name for name, _definition, _value in form.streams}
        fields = [(k, v) for k, v in form.fields if k != "title" and k not in stream_names]
        fields.append(("title", title))
        for name, definition, value in form.streams:
            fields += block_fields(unpack(definition, {}), value, name)
        fields.append(("action-publish", "action-publish"))
        status, headers, page = self.request("POST", form.action or path, fields)
        if status == 302:
            return True, headers.get("Location", "")
        errors = re.findall(r'class="[^"]*error-message[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', page)
        message = re.search(r'class="messages"[^>]*>(.*?)</ul>', page, re.S)
        detail = " | ".join(e.strip() for e in errors[:5]) or (
            re.sub(r"<[^>]+>|\s+", " ", message[1]).strip() if message else page[:300]
        )
        return False, f"publish: HTTP {status}: {detail}"


# --- Load, sampling and the report -------------------------------------------------------------


class Stats:
    """What one thread saw: statuses, errors, latencies (per kind of request)."""

    def __init__(self):
        self.status = Counter()
        self.errors = Counter()
        self.latency = defaultdict(list)  # kind -> seconds
        self.examples = []


def reader(port, targets, stop, stats, seed):
    rng = random.Random(seed)
    kinds, weights = zip(*MIX, strict=True)
    while not stop.is_set():
        kind = rng.choices(kinds, weights)[0]
        if kind == "missing":
            path = f"/{rng.choice(('bg', 'en'))}/no-such-page-{rng.randrange(10**6)}/"
        else:
            path = rng.choice(targets[kind])
        started = time.perf_counter()
        try:
            status, _headers, _body = fetch(port, path)
        except (OSError, http.client.HTTPException) as error:
            stats.errors[f"connection: {type(error).__name__}"] += 1
            if len(stats.examples) < 5:
                stats.examples.append(f"{path}: {error!r}")
            continue
        stats.latency[kind].append(time.perf_counter() - started)
        expected = status == 404 and kind == "missing"
        stats.status[f"{status} (expected)" if expected else str(status)] += 1
        if not expected and not 200 <= status < 400:
            stats.errors[f"HTTP {status}"] += 1
            if len(stats.examples) < 5:
                stats.examples.append(f"{path}: HTTP {status}")


def editor(number, port, pages, password, stop, every, results):
    """Publish a new title on one's own news pages every few seconds; check it is seen."""
    client = AdminClient(port)
    try:
        client.log_in(ADMIN_USER, password)
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        results.append({"editor": number, "ok": False, "detail": f"login: {error}"})
        return
    rng = random.Random(number)
    count = 0
    stop.wait(rng.uniform(0, every))
    while not stop.is_set():
        page = pages[count % len(pages)]
        count += 1
        title = f"Soak editor {number} change {count} {secrets.token_hex(3)}"
        started = time.perf_counter()
        try:
            ok, detail = client.publish_title(page["id"], title)
        except (OSError, http.client.HTTPException) as error:
            ok, detail = False, f"publish: {error!r}"
        result = {"editor": number, "page": page["path"], "ok": ok, "detail": detail}
        result["seconds"] = time.perf_counter() - started
        if ok:
            # The next request of an anonymous reader, to whichever worker answers it.
            try:
                status, headers, body = fetch(port, page["path"])
                result["fresh"] = status == 200 and html.escape(title) in body.decode()
                result["x_cache"] = headers.get("X-Cache", "-")
                if page["listed"]:
                    status, headers, body = fetch(port, page["index"])
                    result["listing_fresh"] = html.escape(title) in body.decode()
            except (OSError, http.client.HTTPException) as error:
                result["fresh"] = False
                result["detail"] += f"; reader: {error!r}"
        results.append(result)
        stop.wait(every)


def sampler(master_pid, extra, stop, every, samples, started):
    """Every few seconds: VmRSS of each gunicorn worker (and of the task worker)."""
    while True:
        point = {"t": time.monotonic() - started, "workers": {}, "extra": {}}
        for pid in children(master_pid):
            kib = rss_kib(pid)
            if kib is not None:
                point["workers"][pid] = kib
        point["master"] = rss_kib(master_pid)
        for name, pid in extra.items():
            point["extra"][name] = rss_kib(pid)
        samples.append(point)
        if stop.wait(every):
            return


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def slope_mib_per_hour(points):
    """Least-squares slope of (seconds, KiB) points, in MiB per hour."""
    if len(points) < 2:
        return float("nan")
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if not var:
        return float("nan")
    cov = sum((t - mean_t) * (v - mean_v) for t, v in points)
    return cov / var * 3600 / 1024


def memory_lines(samples, minutes):
    """Per worker: MiB at start/middle/end, slope over the run and over its second half."""
    series = defaultdict(list)
    for point in samples:
        for pid, kib in point["workers"].items():
            series[f"gunicorn worker {pid}"].append((point["t"], kib))
        if point.get("master"):
            series["gunicorn master"].append((point["t"], point["master"]))
        for name, kib in point["extra"].items():
            if kib:
                series[name].append((point["t"], kib))
    lines = []
    for name, points in series.items():
        start, middle, end = points[0][1], points[len(points) // 2][1], points[-1][1]
        whole = slope_mib_per_hour(points)
        half = slope_mib_per_hour([p for p in points if p[0] >= points[-1][0] / 2])
        growth = (end - middle) / 1024
        trend = "growing" if half > 10 and growth > 2 else "flat"
        if minutes < 10:  # warm-up (imports, caches, connections) dominates a short run
            trend = "too short a run to tell"
        span = f"{points[0][0]:.0f}-{points[-1][0]:.0f} s, {len(points)} samples"
        lines.append(
            f"  {name}: {start / 1024:.1f} / {middle / 1024:.1f} / {end / 1024:.1f} MiB "
            f"(start/middle/end, {span}); slope {whole:+.1f} MiB/h, second half "
            f"{half:+.1f} MiB/h: {trend}"
        )
    return lines


def report(args, stats, seconds, samples, publishes, info):
    status, errors = Counter(), Counter()
    latency = defaultdict(list)
    examples = []
    for item in stats:
        status.update(item.status)
        errors.update(item.errors)
        examples += item.examples
        for kind, values in item.latency.items():
            latency[kind] += values
    every = [value for values in latency.values() for value in values]
    total = sum(status.values()) + sum(v for k, v in errors.items() if k.startswith("connection"))
    error_count = sum(errors.values())
    out = [*info, ""]
    out.append(f"duration: {seconds:.0f} s of load")
    out.append(
        f"requests: {total} total, {total / seconds:.1f} req/s; errors: {error_count}"
        + (f" ({', '.join(f'{k}: {v}' for k, v in errors.most_common())})" if errors else "")
    )
    out.append("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(status.items())))
    out.append(
        "latency ms (all): "
        + ", ".join(f"p{int(q * 100)} {percentile(every, q) * 1000:.0f}" for q in (0.5, 0.95, 0.99))
        + f", max {max(every, default=float('nan')) * 1000:.0f}"
    )
    for kind, _weight in MIX:
        values = latency.get(kind, [])
        if values:
            out.append(
                f"  {kind:8} {len(values):7} requests: p50 {percentile(values, 0.5) * 1000:.0f}, "
                f"p95 {percentile(values, 0.95) * 1000:.0f}, "
                f"p99 {percentile(values, 0.99) * 1000:.0f} ms"
            )
    out += [f"  error example: {example}" for example in examples[:5]]
    out.append("memory (VmRSS):")
    out += memory_lines(samples, args.minutes)
    done = [p for p in publishes if p.get("ok")]
    failed = [p for p in publishes if not p.get("ok")]
    fresh = [p for p in done if p.get("fresh")]
    listed = [p for p in done if "listing_fresh" in p]
    out.append(
        f"editors: {len(done)} publishes through the admin's edit form, {len(failed)} failed; "
        f"new title seen by the next reader request: {len(fresh)}/{len(done)}"
        + (
            f"; in the news listing: {sum(p['listing_fresh'] for p in listed)}/{len(listed)}"
            if listed
            else ""
        )
    )
    if done:
        times = [p["seconds"] for p in done]
        caches = Counter(p.get("x_cache", "-") for p in done)
        out.append(
            f"  publish (edit form GET + POST) p50 {percentile(times, 0.5) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms; X-Cache of the reader's request: "
            + ", ".join(f"{k} {v}" for k, v in caches.items())
        )
    out += [f"  failed: {p.get('page', '')} {p['detail']}" for p in failed[:5]]
    stale = [p for p in done if not p.get("fresh")]
    out += [f"  stale: {p['page']} ({p.get('x_cache')})" for p in stale[:5]]
    print("\n".join(out), flush=True)
    return 1 if error_count or failed or stale or not done else 0


# --- Setup and the run -------------------------------------------------------------------------


def make_database(stack):
    name = f"skc_soak_{os.getpid()}"
    psql = [*PSQL, "-v", "ON_ERROR_STOP=1", "-c"]
    stack.callback(lambda: log(f"dropped database {name}"))
    stack.callback(run, [*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], 60)
    run([*psql, f"CREATE DATABASE {name}"], 60)
    log(f"created database {name}")
    return name, f"postgres://postgres@127.0.0.1:5432/{name}"


def delete_cache_keys(prefix):
    import redis  # django-redis's dependency, in the venv

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=10)
        deleted = sum(client.delete(key) for key in client.scan_iter(f"{prefix}:*", count=500))
    except redis.RedisError as error:
        log(f"warning: could not delete the cache keys {prefix}:* ({error})")
        return
    log(f"deleted {deleted} cache keys {prefix}:*")


def discover_targets(port, tmp):
    """Reader addresses: the sitemap, the links of its pages, searches, feeds, calendars."""
    status, _headers, body = fetch(port, "/sitemap.xml")
    if status != 200:
        raise RuntimeError(f"/sitemap.xml answered {status}")
    sitemap = body.decode()
    pages = {urlsplit(html.unescape(u)).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    pages |= {
        urlsplit(html.unescape(u)).path
        for u in re.findall(r'hreflang="[^"]+" href="([^"]+)"', sitemap)
    }
    extra, ics = set(), set()
    for path in sorted(pages):
        status, _headers, body = fetch(port, path)
        if status != 200:
            raise RuntimeError(f"{path} (from the sitemap) answered {status}")
        for href in re.findall(r'href="([^"#]+)"', body.decode()):
            href = urljoin(path, html.unescape(href))
            if re.match(r"^/(bg|en)/feeds/events/\d+\.ics$", href):
                ics.add(href)
            elif re.match(r"^/(bg|en)/[^?]*\?(page|topic|kind|year)=[\w-]+$", href):
                extra.add(href)
    targets = {
        "page": sorted(pages | set(sorted(extra)[:40])),
        "search": [
            f"/{lang}/search/?q={quote(word)}"
            for lang, words in SEARCH_WORDS.items()
            for word in words
        ],
        "feed": [f"/{lang}/feeds/news.{kind}" for lang in ("bg", "en") for kind in ("rss", "atom")],
        "ics": ["/bg/feeds/events.ics", "/en/feeds/events.ics", *sorted(ics)],
    }
    for kind in ("search", "feed", "ics"):
        for path in targets[kind]:
            status = fetch(port, path)[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
    (tmp / "targets.json").write_text(json.dumps(targets, ensure_ascii=False, indent=1))
    return targets


def editor_pages(discovered, port, editors):
    """Each editor's own English news pages (two each), and whether the listing shows them."""
    index = next(p for p in discovered["indexes"] if p.startswith("/en/"))
    listing = fetch(port, index)[2].decode()
    pages = []
    for page in discovered["news"]:
        listed = html.escape(page["title"]) in listing or page["title"] in html.unescape(listing)
        pages.append({**page, "index": index, "listed": listed})
    if len(pages) < editors:
        raise RuntimeError(f"{len(pages)} English news pages for {editors} editors")
    return [pages[number::editors][:2] for number in range(editors)]


def soak(args, stack):
    started_at = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="skc-soak-"))
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    database, database_url = make_database(stack)
    prefix = f"skc-soak-{os.getpid()}-{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(24)
    env = site_env(
        tmp,
        database_url,
        without=("PAGE_CACHE_SECONDS",),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        DJANGO_ADMIN_USER=ADMIN_USER,
        DJANGO_ADMIN_PASSWORD=password,
    )
    stack.callback(delete_cache_keys, prefix)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_site_content"],
        ["ensure_admin", "--username", ADMIN_USER],
        ["collectstatic", "--noinput"],
    ):
        log(f"manage.py {' '.join(command)}")
        run([*manage, *command, "-v", "0"], 900, cwd=ROOT, env=env)
    output = run([*manage, "shell", "-v", "0", "-c", DISCOVER], 300, cwd=ROOT, env=env)
    discovered = json.loads(output.strip().splitlines()[-1])

    port = free_port()
    gunicorn = Service(
        "gunicorn",
        [VENV_BIN / "gunicorn", "config.wsgi", "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}"],
        env,
        tmp / "gunicorn.log",
    )
    stack.callback(gunicorn.stop)
    extra = {}
    if discovered["tasks"]:  # background tasks queued in the database: run their worker
        worker = Service("db_worker", [*manage, "db_worker"], env, tmp / "db_worker.log")
        stack.callback(worker.stop)
        extra["db_worker (tasks)"] = worker.proc.pid
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if fetch(port, "/healthz")[0] == 200:
                break
        if time.monotonic() > deadline or gunicorn.proc.poll() is not None:
            raise RuntimeError(f"gunicorn did not become healthy:\n{gunicorn.tail()}")
        time.sleep(0.3)
    log(f"gunicorn on 127.0.0.1:{port}, workers {children(gunicorn.proc.pid)}")
    targets = discover_targets(port, tmp)
    own_pages = editor_pages(discovered, port, args.editors)
    log(
        f"readers: {len(targets['page'])} pages, {len(targets['search'])} searches, "
        f"{len(targets['feed'])} feeds, {len(targets['ics'])} calendars; editors' pages: "
        + "; ".join(", ".join(p["path"] for p in pages) for pages in own_pages)
    )

    stop = threading.Event()
    stack.callback(stop.set)  # threads stop on any exit
    started = time.monotonic()
    samples, publishes = [], []
    stats = [Stats() for _ in range(args.readers)]
    threads = [
        threading.Thread(
            target=sampler,
            args=(gunicorn.proc.pid, extra, stop, args.sample_every, samples, started),
            daemon=True,
        )
    ]
    threads += [
        threading.Thread(target=reader, args=(port, targets, stop, stats[n], n), daemon=True)
        for n in range(args.readers)
    ]
    threads += [
        threading.Thread(
            target=editor,
            args=(n + 1, port, own_pages[n], password, stop, args.publish_every, publishes),
            daemon=True,
        )
        for n in range(args.editors)
    ]
    for thread in threads:
        thread.start()
    end = started + args.minutes * 60
    log(f"load for {args.minutes:g} min: {args.readers} readers, {args.editors} editors")
    next_progress = started + 60
    while (now := time.monotonic()) < end:
        time.sleep(min(1.0, end - now))
        if gunicorn.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited during the soak:\n{gunicorn.tail()}")
        if time.monotonic() >= next_progress:
            next_progress += 60
            done = sum(sum(s.status.values()) for s in stats)
            rss = samples[-1]["workers"] if samples else {}
            log(
                f"{(time.monotonic() - started) / 60:.0f} min: {done} requests, "
                f"{sum(p.get('ok', False) for p in publishes)} publishes, workers "
                + ", ".join(f"{pid}: {kib / 1024:.0f} MiB" for pid, kib in rss.items())
            )
    stop.set()
    seconds = time.monotonic() - started
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 10)
    tasks = queued_tasks(database)
    restarts = gunicorn_restarts(samples)
    info = [
        f"date: {started_at}; machine: {os.cpu_count()} CPUs; load average before/after: "
        f"{load_before:.2f} / {os.getloadavg()[0]:.2f}",
        f"site: gunicorn -w 2 -k sync on 127.0.0.1 (production settings), PostgreSQL "
        f"{database}, Redis {REDIS_URL} (prefix {prefix})"
        + (", db_worker" if extra else ", no task worker"),
        f"load: {args.readers} reader threads (no think time) over {len(targets['page'])} pages, "
        f"{len(targets['search'])} searches, {len(targets['feed'])} feeds, "
        f"{len(targets['ics'])} calendars and made-up addresses (expected 404s); "
        f"{args.editors} editors publishing every {args.publish_every:g} s",
    ]
    if extra:
        info.append(f"background tasks (status count) at the end: {tasks[0]}")
        info += tasks[1]
    if restarts:
        info.append(f"warning: gunicorn workers changed during the run: {restarts}")
    return report(args, stats, seconds, samples, publishes, info)


def queued_tasks(database):
    """django-tasks' queue in the soak database (its app label is django_tasks_database): the
    count per status, and the failed tasks grouped by task, exception and its last line."""
    table = "django_tasks_database_dbtaskresult"
    psql = [*PSQL[:-3], "-d", database, "-At", "-F", "\t", "-c"]
    last_line = "regexp_replace(btrim(traceback, E' \\n'), E'^.*\\n', '')"  # PostgreSQL 15
    failed_sql = (
        f"SELECT task_path, exception_class_path, {last_line} FROM {table} WHERE status = 'FAILED'"  # noqa: S608
    )
    try:
        counts_sql = f"SELECT status, count(*) FROM {table} GROUP BY 1 ORDER BY 1"  # noqa: S608
        counts = run([*psql, counts_sql], 30)
        failed = Counter(
            tuple(line.split("\t")) for line in run([*psql, failed_sql], 30).splitlines()
        )
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        return f"unknown ({str(error).strip().splitlines()[-1]})", []
    summary = ", ".join(line.replace("\t", " ") for line in counts.strip().splitlines())
    return summary or "none", [
        f"  failed task: {count}x {' / '.join(key)}" for key, count in failed.most_common(5)
    ]


def gunicorn_restarts(samples):
    seen = [tuple(sorted(point["workers"])) for point in samples]
    changes = [(i, a, b) for i, (a, b) in enumerate(itertools.pairwise(seen)) if a != b]
    return [f"{a} -> {b} at sample {i + 1}" for i, a, b in changes]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30, help="minutes of load (default 30)")
    parser.add_argument("--readers", type=int, default=16, help="concurrent reader threads")
    parser.add_argument("--editors", type=int, default=2, help="editor threads")
    parser.add_argument("--publish-every", type=float, default=5, help="seconds between publishes")
    parser.add_argument("--sample-every", type=float, default=10, help="seconds between samples")
    args = parser.parse_args()
    if not 0 < args.minutes <= 24 * 60:
        parser.error("--minutes must be between 0 and 1440")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Ctrl-C stops and cleans up, also when started in the background (where SIGINT is ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with contextlib.ExitStack() as stack:
            return soak(args, stack)
    except KeyboardInterrupt:
        log("interrupted; everything started was stopped and removed")
        return 130
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        log(f"error: {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
