"""The legal pages' blocks: the narrative, and the portal's facts read from the settings."""

from __future__ import annotations

from wagtail import blocks

from home.blocks import CalloutBlock

from . import facts


class FactBlock(blocks.StructBlock):
    """A sentence stating one of the portal's facts: the value comes from the settings."""

    fact = blocks.ChoiceBlock(label="donnée du portail", choices=facts.choices)
    before = blocks.CharBlock(label="texte avant la valeur", max_length=200, required=False)
    after = blocks.CharBlock(label="texte après la valeur", max_length=200, required=False)

    class Meta:
        label = "donnée du portail"
        icon = "cog"
        template = "home/blocks/fact.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["fact_value"] = facts.value(value["fact"])
        after = value["after"] or ""
        # « 24 mois. » but « 24 mois sans activité »: no space before a closing stop or comma.
        context["after"] = after if after[:1] in ("", ".", ",", ")") else f" {after}"
        return context


class LegalBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label="intertitre", max_length=120, template="home/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label="paragraphe", features=["bold", "italic", "link", "ul", "ol"]
    )
    callout = CalloutBlock()
    fact = FactBlock()

    class Meta:
        label = "contenu"
