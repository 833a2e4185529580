from django.core.management.base import BaseCommand
from django.db import transaction

from localization.roles import set_up_roles


class Command(BaseCommand):
    help = "Create or update the Editors, Moderators and per-language Translators groups."

    @transaction.atomic
    def handle(self, *args, **options):
        groups = set_up_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(g.name for g in groups)}."))
