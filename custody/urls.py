from django.urls import path

from custody.views import afteradmission, incidents, movements, searches

app_name = "custody"

urlpatterns = [
    path("movements/", movements.MovementListView.as_view(), name="movements"),
    path("prisoners/<int:pk>/move/", movements.MoveView.as_view(), name="move"),
    path("prisoners/<int:pk>/move/check/", movements.MoveView.as_view(check=True), name="move-check"),
    path("prisoners/<int:pk>/death/", afteradmission.DeathView.as_view(), name="death"),
    path("prisoners/<int:pk>/injuries/", afteradmission.InjuryRecordView.as_view(), name="injuries"),
    path(
        "prisoners/<int:pk>/vulnerability/", afteradmission.VulnerabilityView.as_view(), name="vulnerability"
    ),
    path("roll/", movements.RollIndexView.as_view(), name="roll-index"),
    path("roll/<int:pk>/", movements.RollView.as_view(), name="roll"),
    path("roll/units/<int:pk>/", movements.UnitRollView.as_view(), name="unit-roll"),
    path("searches/", searches.SearchListView.as_view(), name="searches"),
    path("searches/<int:pk>/", searches.SearchView.as_view(), name="search"),
    path("finds/", searches.FindListView.as_view(), name="finds"),
    path("finds/<int:pk>/", searches.FindView.as_view(), name="find"),
    path("finds/<int:pk>/photo/", searches.FindPhotoView.as_view(), name="find-photo"),
    path("incidents/", incidents.IncidentListView.as_view(), name="incidents"),
    path("incidents/<int:pk>/", incidents.IncidentView.as_view(), name="incident"),
]
