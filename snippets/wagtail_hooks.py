"""Admin listings of the snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .models import EUAcknowledgement, FundingProgramme, Organisation, Person, Topic


class PerItemPermissionIndexView(IndexView):
    """A listing whose links ask the model's permission policy about each item (Wagtail's own
    asks about the model only), and whose "add" link asks about a new item in the listing's
    locale: a user whom the policy refuses an item, or a language, gets no link there."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)

    def get_copy_url(self, instance):
        if self.user_has_permission_for_instance("add", instance):
            return super().get_copy_url(instance)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)

    def get_add_url(self):
        if self.user_has_permission_for_instance("add", self.model(locale=self.locale)):
            return super().get_add_url()


class TranslatableSnippetViewSet(SnippetViewSet):
    """A translatable snippet's admin: each language's items only for those who work in it."""

    index_view_class = PerItemPermissionIndexView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name_bg", "name_en", "slug", "kind"]
    list_filter = ["kind"]
    ordering = ["name_bg"]


class OrganisationViewSet(TranslatableSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "kind", "country", "member_since", "locale"]
    list_filter = ["kind", "locale"]


class PersonViewSet(TranslatableSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale"]


class FundingProgrammeViewSet(TranslatableSnippetViewSet):
    model = FundingProgramme
    icon = "doc-full"
    menu_label = _("Funding programmes")
    list_display = ["name", "period", "locale"]
    list_filter = ["locale"]


class EUAcknowledgementViewSet(TranslatableSnippetViewSet):
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
