from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    REVIEW_UPCOMING = "review_upcoming", _("Risk review coming due")
    REVIEW_DUE = "review_due", _("Risk review due today")
    REVIEW_OVERDUE = "review_overdue", _("Risk review overdue")
    REVIEW_ESCALATED = "review_escalated", _("Risk review long overdue (escalated)")
    REVIEW_UNALLOCATED = "review_unallocated", _("Risk review due, no case manager")
    ACTION_OVERDUE = "action_overdue", _("Case-plan action past its target date")
    APPROVAL_WAITING = "approval_waiting", _("Assessment waiting for approval")
    # Requests and complaints (the complaints app's source of the sweep).
    COMPLAINT_ACK = "complaint_ack", _("Complaint to acknowledge")
    COMPLAINT_ANSWER = "complaint_answer", _("Complaint to answer")
    COMPLAINT_REFERRAL = "complaint_referral", _("Allegation to refer to an independent authority")
    COMPLAINT_OVERDUE = "complaint_overdue", _("Complaint deadline passed (escalated)")
    # Family and visits (the family app's source of the sweep).
    RESTRICTION_REVIEW = "restriction_review", _("Contact restriction to review")
    CHILD_AGE_LIMIT = "child_age_limit", _("Child in prison reaching the age limit")
    # Discipline and separation (the discipline app's source of the sweep).
    SEPARATION_NEAR_LIMIT = "separation_near", _("Separation nearing the 15-day limit")
    SEPARATION_AT_LIMIT = "separation_limit", _("Separation at the 15-day limit")
    HEALTH_VISIT_MISSED = "health_visit_missed", _("Daily health visit missed")
    SEPARATION_REVIEW = "separation_review", _("Separation review due")
    DISCIPLINE_OUTCOME = "discipline_outcome", _("Disciplinary outcome or separation")
    # The legal app: release near and no plan ready.
    RELEASE_PLAN = "release_plan", _("Release near, plan not ready")
