from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from casemgmt import selectors
from casemgmt.api.base import RestrictedReadOnlyViewSet
from casemgmt.api.serializers import PrisonerDetailSerializer, PrisonerListSerializer
from casemgmt.filters import PrisonerFilter
from casemgmt.models import Prisoner


@extend_schema_view(
    list=extend_schema(
        summary="List and search the prisoners you may see",
        parameters=[OpenApiParameter("q", str, description="Name in any script, or prison number")],
    ),
    retrieve=extend_schema(summary="One prisoner's file (the read is audited)"),
)
class PrisonerViewSet(RestrictedReadOnlyViewSet):
    capability = "view"
    queryset = Prisoner.objects.select_related("facility", "unit", "cell")
    filterset_class = PrisonerFilter

    def get_queryset(self):
        if self.action == "list":
            # Read as the HTML list reads (see ``selectors.list_plan``).
            scan, self.paginator.known_count = selectors.list_plan(
                user=self.request.user,
                params=self.request.query_params,
                per_page=self.paginator.get_page_size(self.request),
            )
            return self.queryset.restrict(self.request.user, self.capability, scan=scan)
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("aliases", "documents")
        return qs

    def get_serializer_class(self):
        return PrisonerDetailSerializer if self.action == "retrieve" else PrisonerListSerializer
