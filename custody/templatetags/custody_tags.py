from django import template

from custody.placement import recorded_text

register = template.Library()


@register.filter
def conflict_text(conflict: dict) -> str:
    """{{ c|conflict_text }}: a conflict recorded on a movement, in the reader's language."""
    return recorded_text(conflict)
