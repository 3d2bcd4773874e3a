from django.urls import path

from casework import views

app_name = "casework"

urlpatterns = [
    path("caseload/", views.CaseloadView.as_view(), name="caseload"),
    path("prisoners/<int:pk>/allocate/", views.AllocateView.as_view(), name="allocate"),
    path("prisoners/<int:pk>/plan/", views.PlanCreateView.as_view(), name="plan-create"),
    path("prisoners/<int:pk>/notes/", views.NotesView.as_view(), name="notes"),
    path("prisoners/<int:pk>/timeline/", views.TimelineView.as_view(), name="timeline"),
    path("plans/<int:pk>/on/", views.PlanOnDateView.as_view(), name="plan-on"),
    path("plans/<int:pk>/<slug:change>/", views.PlanChangeView.as_view(), name="plan-change"),
    path("notes/<int:pk>/edit/", views.NoteEditView.as_view(), name="note-edit"),
]
