from django.contrib.auth import views as auth_views
from django.urls import path

from casemgmt.views.access_log import AccessLogView
from casemgmt.views.home import AlertAcknowledgeView, HomeView
from casemgmt.views.prisoners import (
    IdentityCorrectionView,
    PrisonerDetailView,
    PrisonerListView,
    PrisonerPhotoView,
)
from casemgmt.views.queue import QueueView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("alerts/<int:pk>/acknowledge/", AlertAcknowledgeView.as_view(), name="alert-acknowledge"),
    path("queue/", QueueView.as_view(), name="queue"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("prisoners/", PrisonerListView.as_view(), name="prisoner-list"),
    path("prisoners/<int:pk>/", PrisonerDetailView.as_view(), name="prisoner-detail"),
    path("prisoners/<int:pk>/photo/", PrisonerPhotoView.as_view(), name="prisoner-photo"),
    path("prisoners/<int:pk>/correct/", IdentityCorrectionView.as_view(), name="prisoner-identity-correct"),
    path("prisoners/<int:pk>/access-log/", AccessLogView.as_view(), name="prisoner-access-log"),
    path("prisoners/<int:pk>/<slug:tab>/", PrisonerDetailView.as_view(), name="prisoner-tab"),
]
