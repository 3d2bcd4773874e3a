from django.urls import path

from discipline import views

app_name = "discipline"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("separations/", views.SeparationsView.as_view(), name="separations"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("health-visits/missed/", views.MissedVisitsView.as_view(), name="missed-visits"),
    path("prisoners/<int:pk>/report/", views.ReportCreateView.as_view(), name="create"),
    path("prisoners/<int:pk>/separate/", views.SeparationCreateView.as_view(), name="separate"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("<int:pk>/<slug:step>/", views.ReportStepView.as_view(), name="report-step"),
    path("separations/<int:pk>/", views.SeparationDetailView.as_view(), name="separation"),
    path("separations/<int:pk>/<slug:step>/", views.SeparationStepView.as_view(), name="separation-step"),
]
