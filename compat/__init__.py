"""The one place where this project relies on private internals of a library: one module per
library (django.py, wagtail.py, wagtail_localize.py, whitenoise.py). Each function says why and
names the upstream issue, and tests/compat/test_compat.py pins the behaviour relied on, so an
upgrade that changes it fails there. Nothing here imports the site's own apps."""
