# Multi-stage image of the Sofia Knowledge City site. Its build steps are the Makefile's targets
# (`make install compilemessages collectstatic`), so the path CI tests is the path that ships.
# Release step, before starting new containers:  docker run --rm IMAGE python manage.py migrate
# (and, on a new database, `python manage.py load_site_content` and `python manage.py setup_roles`).

FROM python:3.11-slim-bookworm AS builder
RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends make gettext build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt Makefile README.md ./
COPY config ./config
COPY home ./home
COPY pages ./pages
COPY snippets ./snippets
COPY localization ./localization
COPY caching ./caching
COPY operations ./operations
COPY sitecontent ./sitecontent
COPY compat ./compat
COPY locale ./locale
COPY manage.py ./
RUN make install VENV=/opt/venv EXTRAS= \
 && make compilemessages VENV=/opt/venv \
 && SECRET_KEY=build-only ALLOWED_HOSTS=localhost CSRF_TRUSTED_ORIGINS=http://localhost \
    WAGTAILADMIN_BASE_URL=http://localhost DJANGO_SETTINGS_MODULE=config.settings.production \
    make collectstatic VENV=/opt/venv

FROM python:3.11-slim-bookworm AS runtime
# The release (e.g. `docker build --build-arg SKC_RELEASE=$(git rev-parse HEAD) .`): part of the
# key of every kept page, so a new image never serves what the previous code rendered
# (caching/tagged_cache.py). Without it, the package's version.
ARG SKC_RELEASE=""
# postgresql-client (15 on bookworm, as the postgres:15 server) for backup_site and restore_site.
RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends libpq5 gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 wagtail
ENV PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    SKC_RELEASE=${SKC_RELEASE} \
    PORT=8000
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder --chown=wagtail:wagtail /app /app
USER wagtail
EXPOSE 8000
# No gunicorn access log: the app logs each request as one JSON line on stdout (operations/request_log.py).
CMD ["sh", "-c", "exec gunicorn config.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2}"]
