from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.AdmissionListView.as_view(), name="list"),
    path("<int:pk>/", views.AdmissionDetailView.as_view(), name="detail"),
    path("<int:pk>/candidates/", views.CandidatesView.as_view(), name="candidates"),
    path("<int:pk>/match/", views.IdentityMatchView.as_view(), name="match"),
    path("<int:pk>/photo/", views.PhotoView.as_view(), name="photo"),
    path("<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/<slug:step>/", views.StepView.as_view(), name="step"),
    path("<int:pk>/<slug:step>/done/", views.StepDoneView.as_view(), name="step-done"),
    path("<int:pk>/<slug:step>/<slug:kind>/", views.ListRecordView.as_view(), name="record"),
]
