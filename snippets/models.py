"""Snippets shared by pages: organisations, people, funding programmes, the EU acknowledgement
(translated with wagtail-localize) and the Topic taxonomy (one row, both languages, with
django-modeltranslation)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from snippets.panels import PermissionedFieldPanel


class Topic(index.Indexed, models.Model):
    """A sector or theme (solar, smart cities, AI+IoT...). ``name`` is translated in place by
    django-modeltranslation into ``name_bg`` and ``name_en``, both required.

    One row serves both languages, so each field has its own permission: a translator may change
    the name in their language only, and sees the other fields read-only (docs/translating.md)."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector")
        THEME = "theme", _("Theme")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Latin letters, digits and hyphens; used in filter links, e.g. smart-cities."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.THEME)

    panels = [
        FieldRowPanel(
            [
                PermissionedFieldPanel("name_bg", permission="snippets.change_topic_name_bg"),
                PermissionedFieldPanel("name_en", permission="snippets.change_topic_name_en"),
            ],
            heading=_("Name"),
        ),
        FieldRowPanel(
            [
                PermissionedFieldPanel("slug", permission="snippets.change_topic_slug_and_kind"),
                PermissionedFieldPanel("kind", permission="snippets.change_topic_slug_and_kind"),
            ]
        ),
    ]

    search_fields = [
        index.SearchField("name_bg"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_bg"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        ordering = ["name_bg"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        # Django stores a permission's name once, as written here (as it does its own
        # "Can change topic"), so these are not marked for translation.
        permissions = [
            ("change_topic_name_bg", "Can change the Bulgarian name of topics"),
            ("change_topic_name_en", "Can change the English name of topics"),
            ("change_topic_slug_and_kind", "Can change the slug and kind of topics"),
        ]

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A member, partner, investor or label issuer named on the site."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("The cluster itself")
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")
        INVESTOR = "investor", _("Investor")
        ISSUER = "issuer", _("Label issuer")
        INSTITUTION = "institution", _("Public institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("An acronym such as ESCA.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEMBER)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    member_since = models.DateField(
        _("member since"), null=True, blank=True, help_text=_("For members: when they joined.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("member_since"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A person named on the site, with their role."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=255)
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("E.g. Cluster Manager.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name


class FundingProgramme(TranslatableMixin, index.Indexed, models.Model):
    """An operational programme that funds projects, e.g. "Innovation and Competitiveness"."""

    name = models.CharField(_("name"), max_length=255)
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")])],
            heading=_("Programming period"),
        ),
        FieldPanel("website"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return f"{self.name} {self.period}" if self.period else self.name

    @property
    def period(self):
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return ""

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class EUAcknowledgement(TranslatableMixin, models.Model):
    """The mandatory statement (with the EU emblem) on pages of an EU-funded activity."""

    title = models.CharField(
        _("title"), max_length=255, help_text=_("For editors, e.g. the project's number.")
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The EU emblem (flag); shown beside the statement."),
    )
    emblem_alt_text = models.CharField(_("emblem alt text"), max_length=255, default="", blank=True)
    statement = RichTextField(
        _("statement"), features=["bold", "italic", "link", "lang-en", "lang-bg"]
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("emblem"), FieldPanel("emblem_alt_text")]),
        FieldPanel("statement"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("EU acknowledgement")
        verbose_name_plural = _("EU acknowledgements")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.emblem_id and not self.emblem_alt_text.strip():
            raise ValidationError(
                {"emblem_alt_text": _("Describe the emblem for readers who cannot see it.")}
            )
