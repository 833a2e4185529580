"""``manage.py backup_site DIR``: the database and the media into a new directory
(operations/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from operations.backups import backup_site


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and the local media folder "
        "(a tar.gz) into DIR, a new directory, with a manifest of each file's sha256. Restore "
        "with restore_site DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new (or empty) directory for the backup")
        parser.add_argument(
            "--pg-bin",
            help="directory of pg_dump (default: /usr/lib/postgresql/<server version>/bin, "
            "then PATH)",
        )

    def handle(self, *args, directory, pg_bin, verbosity, **options):
        backup_site(Path(directory), say=self.stdout.write, bin_dir=pg_bin, verbose=verbosity > 1)
