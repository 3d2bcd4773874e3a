from django.urls import path

from legal import views

app_name = "legal"

urlpatterns = [
    path("prisoners/<int:pk>/record/<slug:step>/", views.RecordStepView.as_view(), name="record"),
    path("prisoners/<int:pk>/plan/<slug:step>/", views.PlanStepView.as_view(), name="plan"),
    path("prisoners/<int:pk>/handover/", views.HandoverCreateView.as_view(), name="handover"),
    path("prisoners/<int:pk>/copy/", views.CopyView.as_view(), name="copy"),
    path("prisoners/<int:pk>/copy/pdf/", views.CopyPdfView.as_view(), name="copy-pdf"),
    path("handovers/<int:pk>/", views.HandoverPrintView.as_view(), name="handover-print"),
    path("handovers/<int:pk>/pdf/", views.HandoverPdfView.as_view(), name="handover-pdf"),
]
