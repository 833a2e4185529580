from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubtreeTranslationJob(models.Model):
    """A request to translate the pages below a page, run as a background task
    (localization/tasks.py); the task records its progress here for the admin."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        REFUSED = "refused", _("Not allowed")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    locales = models.ManyToManyField(
        "wagtailcore.Locale", verbose_name=_("languages"), related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("subtree translation", "requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("pages"), default=0)
    done = models.PositiveIntegerField(_("pages translated"), default=0)
    skipped = models.PositiveIntegerField(_("pages skipped"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_result_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(
        pgettext_lazy("subtree translation", "started at"), null=True, blank=True
    )
    finished_at = models.DateTimeField(
        pgettext_lazy("subtree translation", "finished at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("subtree translation")
        verbose_name_plural = _("subtree translations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.page} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def processed(self):
        return self.done + self.skipped
