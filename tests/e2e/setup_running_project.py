"""Run with `manage.py shell` by the browser tests' server fixture (after the translation job):
the seed's funded project runs today in both languages, so every page carries the EU band."""

import datetime

from django.utils import timezone

from pages.models import ProjectFundingPage

today = timezone.localdate()
for project in ProjectFundingPage.objects.all():
    project.start_date = today - datetime.timedelta(days=90)
    project.end_date = today + datetime.timedelta(days=275)
    project.save_revision().publish()
