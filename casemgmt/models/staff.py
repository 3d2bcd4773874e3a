from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import Role


class User(AbstractUser):
    """A member of staff. Roles are groups named after ``Role`` values; the
    facilities a person works in are ``StaffAssignment`` rows."""

    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("tg", "Тоҷикӣ"), ("ru", "Русский"), ("en", "English")],
        default="ru",
    )
    email_digest = models.BooleanField(_("one daily email instead of one per reminder"), default=False)
    facilities = models.ManyToManyField(
        "casemgmt.Facility",
        through="casemgmt.StaffAssignment",
        related_name="staff",
        verbose_name=_("facilities"),
        blank=True,
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        known = set(Role.values)
        # loaded with the user by the authentication backend (core.auth) on every request
        names = getattr(self, "_group_names", None)
        if names is None:
            names = self.groups.values_list("name", flat=True)
        return frozenset(name for name in names if name in known)

    def has_role(self, role: str) -> bool:
        return role in self.roles


class StaffAssignment(models.Model):
    """That a member of staff works at a facility."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments", db_index=False)
    facility = models.ForeignKey("casemgmt.Facility", on_delete=models.PROTECT, related_name="assignments")
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "facility"], name="one_assignment_per_facility")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.facility}"
