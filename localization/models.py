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


class InterfaceText(models.Model):
    """A translator's replacement, made in the admin, for one message of our own catalogue
    (locale/<language>/LC_MESSAGES/django.po); it wins over the compiled catalogue in every
    running instance (localization/interface_texts.py)."""

    class Status(models.TextChoices):
        TRANSLATED = "translated", _("Translated")
        FUZZY = "fuzzy", _("Needs review")

    language = models.CharField(_("language"), max_length=10)
    msgctxt = models.TextField(_("context"), blank=True, default="")
    msgid = models.TextField(_("source text"))
    msgid_plural = models.TextField(_("source text (plural)"), blank=True, default="")
    msgstr = models.TextField(_("translation"), blank=True, default="")
    msgstr_plural = models.JSONField(_("plural forms"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TRANSLATED
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("interface text")
        verbose_name_plural = _("interface texts")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "msgctxt", "msgid"], name="one_interface_text_per_message"
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.msgid[:60]}"

    @property
    def forms(self):
        """The translation as a list: one text, or one per plural form."""
        return list(self.msgstr_plural) if self.msgid_plural else [self.msgstr]


class InterfaceTextChange(models.Model):
    """One change of an interface text: who, when, the text before and after (a list of forms;
    empty when it was the catalogue's text)."""

    language = models.CharField(_("language"), max_length=10)
    msgctxt = models.TextField(_("context"), blank=True, default="")
    msgid = models.TextField(_("source text"))
    old_forms = models.JSONField(_("before"), default=list, blank=True)
    new_forms = models.JSONField(_("after"), default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interface text change")
        verbose_name_plural = _("interface text changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.language}: {self.msgid[:60]} ({self.changed_at:%Y-%m-%d %H:%M})"


class GlossaryTerm(models.Model):
    """One concept of the shared glossary (termbase): its English and Bulgarian terms, and the
    variants translators must not use. Checked in every translation (localization/quality) and
    exchanged with CAT tools as TBX (localization/quality/tbx.py)."""

    class PartOfSpeech(models.TextChoices):
        NOUN = "noun", _("Noun")
        PROPER_NOUN = "properNoun", _("Proper noun")
        ADJECTIVE = "adjective", _("Adjective")
        VERB = "verb", _("Verb")
        OTHER = "other", _("Other")

    english = models.CharField(_("English term"), max_length=255, unique=True)
    bulgarian = models.CharField(_("Bulgarian term"), max_length=255)
    part_of_speech = models.CharField(
        _("part of speech"), max_length=20, choices=PartOfSpeech.choices, default=PartOfSpeech.NOUN
    )
    notes = models.TextField(_("notes"), blank=True)
    forbidden_bulgarian = models.TextField(
        _("forbidden Bulgarian variants"),
        blank=True,
        help_text=_("One per line: translations that must not be used for this term."),
    )
    forbidden_english = models.TextField(
        _("forbidden English variants"),
        blank=True,
        help_text=_("One per line: translations that must not be used for this term."),
    )

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["english"]

    def __str__(self):
        return f"{self.english} → {self.bulgarian}"

    def term(self, language):
        return self.bulgarian if language == "bg" else self.english

    def forbidden(self, language):
        text = self.forbidden_bulgarian if language == "bg" else self.forbidden_english
        return [line.strip() for line in text.splitlines() if line.strip()]
