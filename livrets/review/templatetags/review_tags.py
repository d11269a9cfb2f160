"""Review data inside the livret editor's templates (comments in place, section reviews)."""

from django import template

from livrets.review.selectors import review_of_section, statuses_of

register = template.Library()


@register.simple_tag
def review_statuses(livret):
    """The reviewer's opinion of each section, by section code (one query)."""
    return statuses_of(livret)


@register.simple_tag(takes_context=True)
def review_section(context, livret, view):
    """The threads of one section of the editor, their forms detached from the editor's."""
    request = context["request"]
    return review_of_section(
        livret=livret, user=request.user, view=view, detached=True, next=request.get_full_path()
    )


@register.filter
def thread(review, key: str):
    return review.thread(key)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
