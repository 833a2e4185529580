"""docker-compose.yml and the Dockerfile agree with the code (no Docker needed): the services of
a scaled-out deployment, run from the Dockerfile's image with commands that exist, configured
only through variables the production settings read, and given every one they require."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
# Read other than by name in the settings: by the image (its ENV and CMD) and by
# dj_database_url.config() in base.py.
READ_ELSEWHERE = {"DJANGO_SETTINGS_MODULE", "PORT", "WEB_CONCURRENCY", "DATABASE_URL"}
APP_SERVICES = ("release", "app", "worker")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def variables_read_by_settings():
    settings = "\n".join(
        (ROOT / "config" / "settings" / name).read_text() for name in ("base.py", "production.py")
    )
    pattern = r'(?:os\.environ(?:\.get)?[\[(]|required_env\(|env_flag\(|env_list\()"([A-Z_0-9]+)"'
    # Required always: read at the top level (not under an "if" of an optional feature).
    required = set(re.findall(r'^\w+ = (?:required_env|env_list)\("([A-Z_0-9]+)"', settings, re.M))
    return set(re.findall(pattern, settings)), required


def test_compose_runs_the_site_from_the_dockerfile_image_with_its_services(compose):
    services = compose["services"]
    assert {"postgres", "redis", "minio", "createbucket", *APP_SERVICES} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    for name in APP_SERVICES:
        assert services[name]["build"] == {"context": ".", "dockerfile": "Dockerfile"}
    assert "command" not in services["app"]  # the image's CMD: gunicorn
    assert services["release"]["command"][:3] == ["python", "manage.py", "migrate"]
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["release"] == {
            "condition": "service_completed_successfully"
        }
        assert services[name]["depends_on"]["createbucket"] == {
            "condition": "service_completed_successfully"
        }


def test_compose_commands_exist():
    assert {"migrate", "db_worker", "load_site_content", "setup_roles", "ensure_admin"} <= set(
        get_commands()
    )


def test_compose_sets_only_what_production_reads_and_all_it_requires(compose):
    read, required = variables_read_by_settings()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"} <= required
    for name in APP_SERVICES:
        environment = set(compose["services"][name]["environment"])
        assert environment - read - READ_ELSEWHERE == set(), name
        assert required <= environment, name
    assert {"AWS_STORAGE_BUCKET_NAME", "DATABASE_URL", "REDIS_URL"} <= environment


def test_dockerfile_is_multi_stage_non_root_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) == 2
    assert "make compilemessages" in dockerfile and "make collectstatic" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert user and user[-1] not in {"root", "0"}
    assert re.search(r'^CMD \[.*"exec gunicorn config\.wsgi', dockerfile, re.MULTILINE)
    # backup_site and restore_site need pg_dump/pg_restore as new as the server: bookworm's 15.
    assert "bookworm" in dockerfile and "postgresql-client" in dockerfile
