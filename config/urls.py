from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views.health import healthz


class SwaggerView(SpectacularSwaggerView):
    """The documentation page; OPTIONS answers its allowed methods (the HTML renderer has
    no template for DRF's metadata, which made it a 500)."""

    def options(self, request, *args, **kwargs):
        response = HttpResponse(status=200)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("config.api_urls")),
    path("intake/", include("intake.urls")),
    path("risk/", include("classification.urls")),
    path("casework/", include("casework.urls")),
    path("programmes/", include("rehabilitation.urls")),
    path("notifications/", include("notifications.urls")),
    path("account/", include("accounts.urls")),
    path("custody/", include("custody.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("auditlog.urls")),
    path("complaints/", include("complaints.urls")),
    path("family/", include("family.urls")),
    path("discipline/", include("discipline.urls")),
    path("legal/", include("legal.urls")),
    path("documents/", include("documents.urls")),
    path("", include("casemgmt.urls")),
]

# Errors of last resort: JSON under /api/, 503 when the database is down (core.views.errors).
handler400 = "core.views.errors.bad_request"
handler403 = "core.views.errors.permission_denied"
handler404 = "core.views.errors.page_not_found"
handler500 = "core.views.errors.server_error"
