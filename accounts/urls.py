from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.SecurityView.as_view(), name="security"),
    path("mfa/enrol/", views.MFAEnrolView.as_view(), name="mfa-enrol"),
    path("mfa/verify/", views.MFAVerifyView.as_view(), name="mfa-verify"),
    path("mfa/backup-codes/", views.BackupCodesView.as_view(), name="backup-codes"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("keepalive/", views.KeepAliveView.as_view(), name="keepalive"),
]
