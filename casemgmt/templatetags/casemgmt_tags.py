from django import template

from casemgmt.i18n import tr as _tr

register = template.Library()


@register.filter
def tr(value):
    """{{ item.text|tr }}: the text in the user's language."""
    return _tr(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
