from django.utils.translation import gettext_lazy as _

from .base import BasePage


class StandardPage(BasePage):
    """A plain page such as "About the cluster"."""

    content_panels = BasePage.content_panels

    search_fields = BasePage.search_fields

    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
