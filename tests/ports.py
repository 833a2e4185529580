"""Loopback ports and servers the tests start: one way to pick a port and one way to wait.

The operating system picks each port (bind to port 0), so parallel test workers and test runs
of other checkouts on the same machine never collide."""

import socket
import time
import urllib.error
import urllib.request


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url, process=None, timeout=60, expect=None):
    """Poll ``url`` until the server answers (any HTTP status, or one in ``expect``): its status.

    Raises RuntimeError when ``timeout`` seconds pass first or ``process`` (a Popen) exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status = None  # not listening yet, or too slow to answer while it starts
        if status is not None and (expect is None or status in expect):
            return status
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout} s (last status {status})")
        time.sleep(0.2)  # a poll interval, not a wait for something to happen
