from django.urls import path

from family import views

app_name = "family"

urlpatterns = [
    path("sessions/", views.SessionListView.as_view(), name="sessions"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("prisoners/<int:pk>/contacts/new/", views.ContactAddView.as_view(), name="contact-add"),
    path("prisoners/<int:pk>/restrictions/new/", views.RestrictionAddView.as_view(), name="restriction-add"),
    path("prisoners/<int:pk>/children/new/", views.ChildAddView.as_view(), name="child-add"),
    path("prisoners/<int:pk>/visits/new/", views.VisitBookView.as_view(), name="visit-book"),
    path("prisoners/<int:pk>/consular/new/", views.ConsularAddView.as_view(), name="consular-add"),
    path("contacts/<int:pk>/", views.ContactView.as_view(), name="contact"),
    path("restrictions/<int:pk>/", views.RestrictionView.as_view(), name="restriction"),
    path("children/<int:pk>/", views.ChildView.as_view(), name="child"),
    path("visits/<int:pk>/", views.VisitView.as_view(), name="visit"),
]
