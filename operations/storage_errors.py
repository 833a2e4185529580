"""Admin uploads when the media storage fails: a clear error on the form, never a 500.

Wagtail writes an uploaded image or document to the storage while saving its row, after the form
has validated, so a storage that is down (object storage unreachable, a full disk) ends the
request with an unhandled exception. These forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
``WAGTAILDOCS_DOCUMENT_FORM_BASE``) write the file while validating instead: a failure becomes an
error on the file field, which the single and the multiple uploader both show, and no row is
saved. On success the row points at the stored file, which the model's save leaves alone; if
saving the row then fails, the object stays in the storage unused.
"""

import logging

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from compat import django as compat_django

logger = logging.getLogger(__name__)

# What a storage raises when it cannot take a file: the file system's errors, botocore's
# (unreachable endpoint, timeouts, credentials, an S3 error response) and boto3's upload errors.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, Boto3Error)
STORAGE_ERROR_MESSAGE = _(
    "The file could not be stored: the media storage is not available. Nothing was saved; "
    "please try again in a few minutes."
)


class StoreFileWhileValidatingMixin(compat_django.AfterModelValidationMixin):
    """Stores a new file during validation (once the model is validated), turning storage errors
    into a form error on ``file``."""

    def after_model_validation(self):
        if "file" in self.changed_data and not self.errors:
            self.store_file()

    def store_file(self):
        field_file = self.instance.file
        field = field_file.field
        name = field.generate_filename(self.instance, field_file.name)
        try:
            stored_name = field_file.storage.save(
                name, field_file.file, max_length=field.max_length
            )
        except STORAGE_ERRORS as error:
            logger.error("The media storage could not store %s: %s", name, error)
            self.add_error("file", STORAGE_ERROR_MESSAGE)
            return
        # What FieldFile.save does, keeping the uploaded content open: Wagtail reads its size and
        # hash next, from memory rather than back from the storage. A committed file is not
        # written again when the row is saved.
        field_file.name = stored_name
        compat_django.mark_committed(field_file)


class StorageCheckedImageForm(StoreFileWhileValidatingMixin, BaseImageForm):
    class Meta(BaseImageForm.Meta):
        pass


class StorageCheckedDocumentForm(StoreFileWhileValidatingMixin, BaseDocumentForm):
    class Meta(BaseDocumentForm.Meta):
        pass
