from django.urls import path

from custody import views

app_name = "custody"

urlpatterns = [
    path("movements/", views.MovementListView.as_view(), name="movements"),
    path("prisoners/<int:pk>/move/", views.MoveView.as_view(), name="move"),
    path("prisoners/<int:pk>/move/check/", views.MoveView.as_view(check=True), name="move-check"),
    path("roll/", views.RollIndexView.as_view(), name="roll-index"),
    path("roll/<int:pk>/", views.RollView.as_view(), name="roll"),
    path("roll/units/<int:pk>/", views.UnitRollView.as_view(), name="unit-roll"),
]
