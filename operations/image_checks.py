"""Image uploads that Wagtail's checks let through: damaged files and animations over the pixel
limit. Each is a clear form error, never a 500 or a stored file.

- Wagtail's image field measures an upload by decoding it (Willow has Pillow load the whole
  image) and turns only Pillow's decompression-bomb errors into a form error. A file whose header
  is valid but whose data is cut short or corrupt (a truncated PNG, a broken JPEG) raises OSError,
  and the upload, single or multiple, ends in a 500.
- ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` is meant to count width x height x frames
  (wagtail/images/fields.py), but Willow's Pillow backend reports one frame for every image (only
  its Wand backend counts them), so an animated GIF of many frames passes.

The form here (``WAGTAILIMAGES_IMAGE_FORM_BASE``) builds on the storage-checked form of
operations/storage_errors.py.
"""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField

from compat import wagtail as compat_wagtail
from operations.storage_errors import StorageCheckedImageForm

# What Pillow raises while decoding a damaged file.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError)


class CheckedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            self.check_animation_pixel_size(f)
        except DECODING_ERRORS as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_animation_pixel_size(self, f):
        """The limit over all the frames of an animation, counted by Pillow (which reads the
        frames' headers, not their pixels)."""
        if self.max_image_pixels is None:
            return
        f.seek(0)
        with PILImage.open(f) as image:
            num_pixels = image.width * image.height * getattr(image, "n_frames", 1)
        f.seek(0)
        if num_pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": num_pixels, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )


class CheckedImageForm(StorageCheckedImageForm):
    """Wagtail makes the file field (a ``WagtailImageField``, with its limits and messages in
    the admin's language) for each form; this form only gives it the stricter checks above."""

    class Meta(StorageCheckedImageForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        compat_wagtail.give_image_field_class(self, CheckedImageField)
