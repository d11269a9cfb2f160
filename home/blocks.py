"""StreamField blocks for the narrative parts of pages (never for structured data)."""

from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", max_length=120)
    text = blocks.RichTextBlock(label="texte", features=["bold", "italic", "link", "ul"])

    class Meta:
        label = "encadré"
        template = "home/blocks/callout.html"


class NarrativeBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label="intertitre", max_length=120, template="home/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label="paragraphe", features=["bold", "italic", "link", "ul", "ol"]
    )
    callout = CalloutBlock()

    class Meta:
        label = "récit"
