from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("prisoners/<int:pk>/new/", views.ComplaintCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<int:pk>/reprisal-review/", views.ReprisalReviewView.as_view(), name="reprisal-review"),
    path("<int:pk>/<slug:step>/", views.ComplaintStepView.as_view(), name="step"),
]
