from django import template

from portal.people import display_name

register = template.Library()


@register.filter
def person(user) -> str:
    """``{{ comment.author|person }}``: « Prénom Nom », or the email address without a name."""
    return display_name(user)
