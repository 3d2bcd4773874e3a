"""Form widgets rendered in Python.

Django renders a ``<select>`` through its template engine with one ``{% include %}``
per option; the prisoner list draws five of them on every page (issue #11). The same
markup written here costs a fraction of that: each option is one string, not the dict
of ``create_option`` and a ``format_html`` (``core.markup``; issue #25). Attributes,
the selected option (the first that matches, as Django selects it) and option groups
behave as Django's own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.safestring import SafeString

from core.markup import escape


class Select(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        values = self.format_value(value)
        has_selected = False

        def option(subvalue: Any, label: Any) -> str:
            nonlocal has_selected
            selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in values
            has_selected |= selected
            return f'<option value="{escape(subvalue)}"{" selected" if selected else ""}>{escape(label)}</option>'

        parts = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                inner = "".join(option(v, label) for v, label in option_label)
                parts.append(
                    f'<optgroup label="{escape(option_value)}">{inner}</optgroup>' if option_value else inner
                )
            else:
                parts.append(option("" if option_value is None else option_value, option_label))
        return SafeString(f'<select name="{escape(name)}"{flatatt(final)}>{"".join(parts)}</select>')
