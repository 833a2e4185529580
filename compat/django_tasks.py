"""django-tasks 0.12 internals this project relies on; pinned by tests/compat/test_compat.py."""

import contextlib


@contextlib.contextmanager
def enqueue_replaced(backend, enqueue):
    """While the block runs, ``backend.enqueue(task, args, kwargs)`` is ``enqueue``, which may
    call ``original_enqueue(backend, ...)``. django-tasks has no hook to coalesce tasks queued
    within a transaction (one backend instance per thread: only this thread's is changed)."""
    backend.enqueue = enqueue
    try:
        yield
    finally:
        del backend.enqueue


def original_enqueue(backend, task, args, kwargs):
    """The backend class's own ``enqueue``."""
    return type(backend).enqueue(backend, task, args, kwargs)
