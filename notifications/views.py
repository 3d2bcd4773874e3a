"""The notification centre. A notification is shown only while its recipient may still
read the prisoner it names (``Notification.objects.restrict``); the prisoners listed are
noted for the read audit."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import ListView

from casemgmt.permissions import Capability
from core.pagination import BoundedPaginator
from core.views.base import NO_FILE, RecordView, StaffView
from notifications import services
from notifications.choices import ReminderKind
from notifications.models import Notification


class NotificationListView(StaffView, ListView):
    capability = Capability.VIEW
    template_name = "notifications/list.html"
    paginate_by = 50
    paginator_class = BoundedPaginator
    context_object_name = "notifications"

    def get_queryset(self):
        # the reader's own, about files they may still view: restrict(user, self.capability)
        qs = Notification.objects.readable(self.request.user).select_related("prisoner")
        if self.request.GET.get("show") != "all":
            qs = qs.filter(read_at__isnull=True)
        if self.request.GET.get("kind") in ReminderKind.values:
            qs = qs.filter(kind=self.request.GET["kind"])
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        context.update(
            show=self.request.GET.get("show", "unread"),
            kind=self.request.GET.get("kind", ""),
            kinds=ReminderKind.choices,
        )
        return context


class MarkReadView(StaffView):
    capability = NO_FILE  # marks the reader's own notifications; shows nothing

    def post(self, request):
        ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
        n = services.mark_read(user=request.user, ids=ids)
        messages.success(
            request,
            ngettext("%(n)s notification marked as read.", "%(n)s notifications marked as read.", n)
            % {"n": n},
        )
        return HttpResponseRedirect(request.POST.get("next") or reverse("notifications:list"))


class OpenView(RecordView):
    """Follow a notification's link and mark it read (one the reader may no longer read: 404)."""

    model = Notification
    capability = Capability.VIEW

    def get(self, request, pk):
        services.mark_read(user=request.user, ids=[self.object.pk])
        return HttpResponseRedirect(self.object.link or reverse("notifications:list"))


class PreferencesView(StaffView):
    capability = NO_FILE  # the reader's own email preference

    def post(self, request):
        services.preferences_set(actor=request.user, email_digest=request.POST.get("email_digest") == "on")
        messages.success(request, _("Your email preference is saved."))
        return HttpResponseRedirect(reverse("notifications:list"))
