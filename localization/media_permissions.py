"""Images and documents serve both languages' pages at once: replacing a file or deleting one
changes every live page that shows it, in both trees, without moderation. So these need the
collection's "change" permission (Editors, Moderators).

Wagtail's rule for media (``CollectionOwnershipPermissionPolicy``) lets whoever may add to a
collection also change and delete what they uploaded themselves, file included. Here an uploader
keeps the right to correct the title, alt text, tags and focal point of their own uploads (what
the multiple uploader asks for right after an upload), and loses the file and deleting:

- ``UploaderEditsDetailsPolicy``, registered for both models (``LocalizationConfig.ready``),
  grants "delete" only through the collection's "change" permission;
- the image and document forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
  ``WAGTAILDOCS_DOCUMENT_FORM_BASE``) ignore a new file for an existing image or document from a
  user without that permission.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)

from operations.image_checks import CheckedImageForm
from operations.storage_errors import StorageCheckedDocumentForm

FILE_REPLACED_BY_EDITORS = _(
    "Only editors and moderators can replace the file: it is shown at once on the pages of both "
    "languages. To replace it, ask one of them."
)


class UploaderEditsDetailsPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy, except that "delete" needs the collection's "change"
    permission: owning an upload no longer lets one delete it."""

    def __init__(self, model, auth_model=None, owner_field_name="owner"):
        super().__init__(model, auth_model=auth_model, owner_field_name=owner_field_name)
        self.by_collection = CollectionPermissionPolicy(model, auth_model=auth_model)

    def user_has_permission(self, user, action):
        if action == "delete":
            return self.by_collection.user_has_permission(user, "change")
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "delete" in actions and self.by_collection.user_has_permission_for_instance(
            user, "change", instance
        ):
            return True
        return super().user_has_any_permission_for_instance(
            user, _without_delete(actions), instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, _without_delete(actions))
        if "delete" in actions:
            instances |= self.by_collection.instances_user_has_any_permission_for(user, ["change"])
        return instances

    def collections_user_has_any_permission_for(self, user, actions):
        collections = super().collections_user_has_any_permission_for(
            user, _without_delete(actions)
        )
        if "delete" in actions:
            collections |= self.by_collection.collections_user_has_any_permission_for(
                user, ["change"]
            )
        return collections

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(_without_delete(actions))
        if "delete" not in actions:
            return users
        return _either(users, self.by_collection.users_with_any_permission(["change"]))

    def users_with_any_permission_for_instance(self, actions, instance):
        users = super().users_with_any_permission_for_instance(_without_delete(actions), instance)
        if "delete" not in actions:
            return users
        deleters = self.by_collection.users_with_any_permission_for_instance(["change"], instance)
        return _either(users, deleters)


def _without_delete(actions):
    return [action for action in actions if action != "delete"]


def _either(users, other_users):
    """The users in either queryset (one may be DISTINCT and the other not, which ``|``
    refuses)."""
    return get_user_model().objects.filter(
        Q(pk__in=users.values("pk")) | Q(pk__in=other_users.values("pk"))
    )


def image_permission_policy():
    return UploaderEditsDetailsPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )


def document_permission_policy():
    return UploaderEditsDetailsPolicy(
        get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
    )


class FileReplacedOnlyWithChangePermissionMixin:
    """On an existing image or document, a user without the collection's "change" permission
    sees the file input disabled, and a file they post anyway is dropped before validation, so the
    field keeps its stored file. (Leaving the field out of the form would turn the model's own
    check of a stored document's extension into a 500.)"""

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is None or self.instance.pk is None or "file" not in self.fields:
            return
        by_collection = CollectionPermissionPolicy(
            self._meta.model, auth_model=self.permission_policy.auth_model
        )
        if by_collection.user_has_permission_for_instance(user, "change", self.instance):
            return
        self.files = self.files.copy()
        self.files.pop("file", None)
        file_field = self.fields["file"]
        file_field.widget.attrs["disabled"] = True
        file_field.help_text = FILE_REPLACED_BY_EDITORS


class ImageForm(FileReplacedOnlyWithChangePermissionMixin, CheckedImageForm):
    class Meta(CheckedImageForm.Meta):
        pass


class DocumentForm(FileReplacedOnlyWithChangePermissionMixin, StorageCheckedDocumentForm):
    class Meta(StorageCheckedDocumentForm.Meta):
        pass
