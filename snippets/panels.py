"""Admin panels shared by the snippets."""

from django.utils.text import capfirst
from wagtail.admin.panels import FieldPanel


class PermissionedFieldPanel(FieldPanel):
    """A field that only users with ``permission`` may change; the others see its value read-only.

    Wagtail's ``FieldPanel(permission=...)`` leaves the field out of the form of a user without
    the permission, so a value they post for it is ignored, but it also hides the field. Here it
    is shown as Wagtail shows a ``read_only`` panel instead."""

    def __init__(self, field_name, *, permission, **kwargs):
        super().__init__(field_name, permission=permission, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = self.panel.help_text or capfirst(self.panel.db_field.help_text)

        def is_shown(self):
            return self.form is None or self.bound_field is not None or self.read_only
