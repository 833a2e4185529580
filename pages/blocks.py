"""StreamField blocks for page bodies. No raw HTML block: everything an editor writes is escaped
or goes through Wagtail's rich-text whitelist."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich-text features that mark a passage's language (pages/wagtail_hooks.py): feature -> code.
LANGUAGE_FEATURES = {"lang-en": "en", "lang-bg": "bg"}
RICH_TEXT_FEATURES = [
    *["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"],
    *LANGUAGE_FEATURES,
]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "pages/blocks/image_with_caption.html"
        preview_value = {"alt_text": "", "caption": ""}

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Every image needs alt text."))}
            )
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pages/blocks/quote.html"
        preview_value = {
            "quote": "Knowledge is the basis of economic development.",
            "attribution": "Sofia Knowledge City",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    link_url = blocks.URLBlock(label=_("link"))
    link_label = blocks.CharBlock(label=_("button label"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "pages/blocks/call_to_action.html"
        preview_value = {
            "heading": "Take part in the survey",
            "text": "Tell us how your company works towards a green transition.",
            "link_url": "https://example.org/",
            "link_label": "Open the survey",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"), required=False, max_length=255, help_text=_("Defaults to its title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "pages/blocks/document_link.html"
        preview_value = {"label": "Benchmarking report"}


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=120)
    value = blocks.CharBlock(label=_("value"), max_length=255)


class FactsListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    facts = blocks.ListBlock(FactBlock(), label=_("facts"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Facts")
        template = "pages/blocks/facts_list.html"
        preview_value = {
            "heading": "Key facts",
            "facts": [{"label": "Hall", "value": "6"}, {"label": "Attendance", "value": "3,000+"}],
        }


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        icon="media",
        help_text=_("A YouTube, Vimeo or other oEmbed link."),
        template="pages/blocks/embed.html",
    )
    document = DocumentLinkBlock()
    facts = FactsListBlock()

    class Meta:
        template = "pages/blocks/body.html"
