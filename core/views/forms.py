"""The one shape of an HTML view that posts a form to a service.

``ServiceFormMixin.post``: bind the form, validate it, run the service (``perform``),
say so and go back (``get_success_url``). An invalid form, or a ``ValidationError`` the
service raises, goes back (``back_url``) with the errors as messages on that page; a view
that shows its form again instead overrides ``form_invalid`` to render the page with the
form and its errors, status 400 — a response the read audit records, as any page that
shows data (``core.reads``). Put the mixin before ``FileView``/``RecordView``, which
resolve and authorise what the URL names before ``post`` runs.

``flash``, ``flash_form`` and ``errors_to_form`` are the same answers for views whose POST
does several things (one URL per kind of change) and keep their own ``post``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


def flash(request: HttpRequest, exc: ValidationError) -> None:
    """A refused write's messages, shown on the page the user goes back to."""
    for message in exc.messages:
        messages.error(request, message)


def flash_form(request: HttpRequest, form: forms.BaseForm) -> None:
    """A form's errors as messages on the page the user goes back to, each after its
    field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(error) for error in errors)  # an ErrorList yields its messages
        messages.error(request, f"{label}: {text}" if label else text)


def errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """A refused write's errors onto the form: each on its field, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormMixin:
    """POST → form → service → message → redirect (see the module's docstring).

    Declare ``form_class`` (or none: the service reads what it needs from the POST),
    ``perform`` (call the service; its result goes to ``get_success_url`` and
    ``get_success_message``) and ``back_url``; ``success_message`` and
    ``invalid_message`` are the usual texts (without ``invalid_message``, an invalid
    form's own errors are flashed)."""

    request: HttpRequest
    form_class: type[forms.BaseForm] | None = None
    success_message: str = ""
    invalid_message: str = ""
    #: a service's ValidationError goes onto the form (and ``form_invalid``), not flashed
    errors_on_form = False

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_form(self) -> forms.BaseForm | None:
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST, **self.get_form_kwargs())

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self, result: Any) -> str:
        return self.back_url()

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def get_invalid_message(self, form: forms.BaseForm) -> str:
        return str(self.invalid_message)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        try:
            result = self.perform(form)
        except ValidationError as exc:
            return self.refused(form, exc)
        message = self.get_success_message(result)
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url(result))

    def form_invalid(self, form: forms.BaseForm) -> HttpResponse:
        message = self.get_invalid_message(form)
        if message:
            messages.error(self.request, message)
        else:
            flash_form(self.request, form)
        return HttpResponseRedirect(self.back_url())

    def refused(self, form: forms.BaseForm | None, exc: ValidationError) -> HttpResponse:
        if self.errors_on_form and form is not None:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        flash(self.request, exc)
        return HttpResponseRedirect(self.back_url())
