from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView

from notifications import services
from notifications.choices import ReminderKind
from notifications.models import Notification


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/list.html"
    paginate_by = 50
    context_object_name = "notifications"

    def get_queryset(self):
        qs = Notification.objects.filter(recipient=self.request.user).select_related("prisoner")
        if self.request.GET.get("show") != "all":
            qs = qs.filter(read_at__isnull=True)
        if self.request.GET.get("kind") in ReminderKind.values:
            qs = qs.filter(kind=self.request.GET["kind"])
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            show=self.request.GET.get("show", "unread"),
            kind=self.request.GET.get("kind", ""),
            kinds=ReminderKind.choices,
        )
        return context


class MarkReadView(LoginRequiredMixin, View):
    def post(self, request):
        ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
        n = services.mark_read(user=request.user, ids=ids)
        messages.success(
            request,
            ngettext("%(n)s notification marked as read.", "%(n)s notifications marked as read.", n)
            % {"n": n},
        )
        return HttpResponseRedirect(request.POST.get("next") or reverse("notifications:list"))


class OpenView(LoginRequiredMixin, View):
    """Follow a notification's link and mark it read."""

    def get(self, request, pk):
        note = Notification.objects.filter(recipient=request.user, pk=pk).first()
        if note is None:
            from django.http import Http404

            raise Http404
        services.mark_read(user=request.user, ids=[note.pk])
        return HttpResponseRedirect(note.link or reverse("notifications:list"))


class PreferencesView(LoginRequiredMixin, View):
    def post(self, request):
        services.preferences_set(actor=request.user, email_digest=request.POST.get("email_digest") == "on")
        messages.success(request, _("Your email preference is saved."))
        return HttpResponseRedirect(reverse("notifications:list"))
