"""Account actions for administrators: unlock, force a password change, disable, reset
two-factor. Each goes through a service and the security log."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.models import UserSession
from casemgmt.admin import UserAdmin as BaseUserAdmin
from casemgmt.models import User


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    actions = ["unlock_sign_in", "force_password_change", "disable_accounts", "reset_two_factor"]

    def _done(self, request, text):
        self.message_user(request, text, messages.SUCCESS)

    @admin.action(description=_("Unlock sign-in (clear failed attempts)"))
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            services.sign_in_unlock(actor=request.user, user=user)
        n = len(queryset)
        self._done(request, ngettext("%(n)d account unlocked.", "%(n)d accounts unlocked.", n) % {"n": n})

    @admin.action(description=_("Force a password change at next sign-in (ends their sessions)"))
    def force_password_change(self, request, queryset):
        for user in queryset:
            services.password_change_force(actor=request.user, user=user)
        n = len(queryset)
        self._done(
            request,
            ngettext(
                "%(n)d account must choose a new password.", "%(n)d accounts must choose a new password.", n
            )
            % {"n": n},
        )

    @admin.action(description=_("Disable the account (ends their sessions)"))
    def disable_accounts(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.account_disable(actor=request.user, user=user)
        n = queryset.exclude(pk=request.user.pk).count()
        self._done(request, ngettext("%(n)d account disabled.", "%(n)d accounts disabled.", n) % {"n": n})

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.mfa_reset(actor=request.user, user=user)
        n = len(queryset)
        self._done(
            request,
            ngettext(
                "%(n)d account will set up two-factor again.",
                "%(n)d accounts will set up two-factor again.",
                n,
            )
            % {"n": n},
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.sessions_end(user=obj)
