from functools import lru_cache

from django import template
from django.conf import settings
from django.forms import BaseForm, BaseFormSet
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from casemgmt.models import Prisoner
from core import markup
from core.i18n import tr as _tr
from core.links import url_for_each

register = template.Library()


@register.filter
def tr(value):
    """{{ item.text|tr }}: the text in the user's language."""
    return _tr(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` of a route that takes no argument, reversed once a process for each
    script prefix and URLconf: the frame of every page links seven (issue #25)."""
    return _fixed_url(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _fixed_url(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The header's menu items (``nav_items``, the work queue's count beside its item), written
    in Python: every page draws them (issue #25)."""
    items, count = context.get("nav_items") or (), context.get("queue_count")
    items, count = items() if callable(items) else items, count() if callable(count) else count
    path = context["request"].path
    waiting = (
        markup.html(
            ' <span class="nav-count" data-queue-count>{}<span class="visually-hidden"> {}</span></span>',
            count,
            gettext("waiting"),
        )
        if count
        else ""
    )
    current = mark_safe(' aria-current="page"')  # noqa: S308 - a constant
    return markup.join(
        "\n",
        '<li><a href="{}"{}>{}{}</a></li>',
        (
            (url, current if path == url else "", label, waiting if key == "queue" else "")
            for url, label, key in items
        ),
    )


@register.simple_tag
def prisoner_rows(prisoners):
    """The rows of the prisoner list (``_prisoner_results.html``), written in Python: the
    list is the most used page (issue #11). Choice labels are translated once a page, not
    once a row: ``get_FOO_display`` rebuilds and translates the whole choice list on every
    call (half of the ~6 ms the 50 rows took). Dates follow the active language's
    SHORT_DATE_FORMAT, as the ``date`` filter writes them."""

    def labels(field):
        return {value: str(label) for value, label in Prisoner._meta.get_field(field).flatchoices}

    legal, custody = labels("legal_status"), labels("custody_status")
    detail = url_for_each("prisoner-detail")
    short = markup.short_date()

    def row(p):
        href = detail(p.pk)
        where = " · ".join(
            part
            for part in (
                p.facility.name if p.facility_id else "—",
                p.unit.code if p.unit_id else "",
                p.cell.number if p.cell_id else "",
            )
            if part
        )
        born = short(p.date_of_birth)
        return (href, p.prison_number, href, p.full_name, p.full_name_latin, born,
                legal.get(p.legal_status, p.legal_status), where,
                p.custody_status, custody.get(p.custody_status, p.custody_status))  # fmt: skip

    return markup.join(
        "\n",
        '<tr><td><a href="{}">{}</a></td>'
        '<td><a href="{}">{}</a><br><small class="muted">{}</small></td>'
        "<td>{}</td><td>{}</td><td>{}</td>"
        '<td><span class="badge status-{}">{}</span></td></tr>',
        (row(p) for p in prisoners),
    )


def _forms_in(value, depth=0):
    """The forms (and formsets' forms) held by a context value: a form, a formset, or a
    dict or list of them (``record_forms``)."""
    if isinstance(value, BaseForm):
        yield value
    elif isinstance(value, BaseFormSet):
        yield value
        yield from value.forms if value.is_bound else ()
    elif depth == 0 and isinstance(value, dict):
        for item in value.values():
            yield from _forms_in(item, 1)
    elif depth == 0 and isinstance(value, list | tuple):
        for item in value[:50]:
            yield from _forms_in(item, 1)


def _error_items(form) -> list[dict]:
    """A form's errors as the summary lists them: the message, and the field it links to."""
    if isinstance(form, BaseFormSet):
        return [{"message": m, "href": ""} for m in form.non_form_errors()]
    items = [{"message": m, "href": ""} for m in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name not in form.fields:
            continue
        bound = form[name]
        # A group of boxes or buttons has no one label target: link its first box.
        target = (
            "" if bound.is_hidden else (bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else ""))
        )
        for message in errors:
            items.append({"message": message, "href": f"#{target}" if target else "", "label": bound.label})
    return items


def _page_forms(context) -> list:
    """Every form in the context, found once a template render (the page's title and its
    error summary both ask: two walks of the whole context, issue #25)."""
    found = context.render_context.get(_page_forms)
    if found is None:
        seen, found = set(), []
        for value in context.flatten().values():
            for form in _forms_in(value):
                if id(form) not in seen:
                    seen.add(id(form))
                    found.append(form)
        context.render_context[_page_forms] = found
    return found


@register.simple_tag(takes_context=True)
def page_form_errors(context, *forms):
    """The errors of the forms on the page (given, or every bound form in the context)
    not yet summarised, as [{message, href, label}]. The page's error summary and its
    title's "Error:" come from here, so every form shows its errors the same way."""
    forms = forms or _page_forms(context)
    items = []
    for form in forms:
        if not getattr(form, "is_bound", False) or getattr(form, "_summarised", False):
            continue
        if form.errors or (hasattr(form, "non_form_errors") and form.non_form_errors()):
            items += _error_items(form)
    return items


@register.inclusion_tag("_error_summary.html", takes_context=True)
def error_summary(context, *forms):
    """The GOV.UK error summary for the given forms (or every form on the page); each form
    is summarised once, so a partial drawn inside a full page does not repeat it."""
    items = page_form_errors(context, *forms)
    for form in forms or _page_forms(context):
        form._summarised = True
    return {"items": items}
