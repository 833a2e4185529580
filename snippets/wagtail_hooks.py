"""Admin listings of the snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EUAcknowledgement, FundingProgramme, Organisation, Person, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name_bg", "name_en", "slug", "kind"]
    list_filter = ["kind"]
    ordering = ["name_bg"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "kind", "country", "member_since", "locale"]
    list_filter = ["kind", "locale"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale"]


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "doc-full"
    menu_label = _("Funding programmes")
    list_display = ["name", "period", "locale"]
    list_filter = ["locale"]


class EUAcknowledgementViewSet(SnippetViewSet):
    model = EUAcknowledgement
    icon = "pick"
    menu_label = _("EU acknowledgements")
    list_display = ["title", "locale"]
    list_filter = ["locale"]


class ClusterDirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Cluster directory")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        OrganisationViewSet,
        PersonViewSet,
        TopicViewSet,
        FundingProgrammeViewSet,
        EUAcknowledgementViewSet,
    )


register_snippet(ClusterDirectoryGroup)
