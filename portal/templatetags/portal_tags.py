"""Tags shared by every page: French plurals and numbers, the error summary of a form, the
fixed URLs of the page header."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms, template

from portal import french, links

register = template.Library()


@register.filter
def pluriel(value, suffixes: str = "s") -> str:
    """Like Django's ``pluralize``, with the French rule (singular for 0 and 1).

    ``{{ n|pluriel }}`` adds "s"; ``{{ n|pluriel:"al,aux" }}`` chooses between two endings.
    """
    try:
        n = float(value)
    except (TypeError, ValueError):
        try:
            n = len(value)
        except TypeError:
            return ""
    singular, _, plural_form = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    return plural_form if french.is_plural(n) else singular


@register.filter
def nombre(value) -> str:
    """``{{ 10000|nombre }}``: « 10 000 », with a narrow no-break space."""
    try:
        return french.number(value if isinstance(value, (int, float)) else float(value))
    except (TypeError, ValueError):
        return str(value)


@register.simple_tag
def named_url(name: str) -> str:
    """``{% named_url "search" %}``: ``{% url "search" %}`` for a view without arguments,
    reversed once per process (``portal.links``)."""
    return links.url(name)


@register.simple_tag
def static_url(path: str) -> str:
    """``{% static_url "css/portal.css" %}``: ``{% static %}``, computed once per process."""
    return links.static(path)


@dataclass(frozen=True)
class ErrorItem:
    """One line of the error summary: what is wrong, and the id of the field to fix."""

    message: str
    target: str = ""
    label: str = ""


def _field_target(bound: forms.BoundField) -> str:
    """The id that a link to this field should reach (a group's first choice)."""
    return bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")


def error_items(*forms_or_sets) -> list[ErrorItem]:
    """Every error of these forms and formsets, in the order of the page."""
    items: list[ErrorItem] = []
    for form in forms_or_sets:
        if form is None or not getattr(form, "is_bound", False):
            continue
        if isinstance(form, forms.BaseFormSet):
            items += [ErrorItem(str(e)) for e in form.non_form_errors()]
            name = getattr(form, "item_name", "Ligne")
            for number, sub in enumerate(form.forms, 1):
                items += [
                    ErrorItem(i.message, i.target, f"{name} {number}, {i.label or 'ensemble'}")
                    for i in error_items(sub)
                ]
            continue
        items += [ErrorItem(str(e)) for e in form.non_field_errors()]
        for bound in form:
            for error in bound.errors:
                items.append(ErrorItem(str(error), _field_target(bound), str(bound.label or "")))
    return items


@register.simple_tag
def form_errors(*forms_or_sets) -> list[ErrorItem]:
    """``{% form_errors form other_form as errors %}``, for the summary and the title."""
    return error_items(*forms_or_sets)


@register.simple_tag(takes_context=True)
def refused_upload(context) -> list[ErrorItem]:
    """``{% refused_upload as upload_errors %}``: the file the last request refused
    (``portal.uploads.refuse_upload``), as error summary lines; empty when none."""
    from portal.uploads import refused_upload as stored

    request = context.get("request")
    refused = stored(request) if request is not None and hasattr(request, "session") else None
    if not refused:
        return []
    return [ErrorItem(refused["message"], refused["field"], refused["label"])]


@register.inclusion_tag("includes/error_summary.html")
def error_summary(errors):
    """The summary at the top of a form after a failed submit, focused on load."""
    return {"errors": errors}


@register.filter
def choice_described(choice, field: forms.BoundField) -> str:
    """``{{ choice|choice_described:f }}``: one radio or checkbox of a group, in its label,
    described by the group's error message when there is one.

    Django links a field to its error (``aria-describedby``) except for the choices of a group
    drawn as a fieldset, whose inputs are each what the keyboard reaches; this adds it."""
    if field.errors and field.auto_id:
        attrs = {**choice.data["attrs"], "aria-describedby": f"{field.auto_id}_error"}
        choice = forms.boundfield.BoundWidget(
            choice.parent_widget, {**choice.data, "attrs": attrs}, choice.renderer
        )
    return choice.tag(wrap_label=True)
