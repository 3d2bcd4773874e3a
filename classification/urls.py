from django.urls import path

from classification import views

app_name = "classification"

urlpatterns = [
    path("prisoners/<int:pk>/start/", views.StartView.as_view(), name="start"),
    path("prisoners/<int:pk>/flag/", views.FlagView.as_view(), name="flag"),
    path("prisoners/<int:pk>/keep-apart/", views.KeepApartView.as_view(), name="keep-apart"),
    path(
        "prisoners/<int:pk>/keep-apart/<int:link>/close/",
        views.KeepApartCloseView.as_view(),
        name="keep-apart-close",
    ),
    path("assessments/<int:pk>/", views.AssessmentView.as_view(), name="assessment"),
    path("assessments/<int:pk>/approve/", views.ApproveView.as_view(), name="approve"),
    path("assessments/<int:pk>/return/", views.ReturnView.as_view(), name="return"),
    path("assessments/<int:pk>/correct/", views.CorrectView.as_view(), name="correct"),
    path("classifications/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("classifications/<int:pk>/challenge/", views.ChallengeView.as_view(), name="challenge"),
    path("challenges/<int:pk>/decide/", views.ChallengeDecideView.as_view(), name="challenge-decide"),
]
