"""The bench's URLconf (``bench.settings``): the product's routes, plus two that exist only
for the measurement: the stock guardian peer of the prisoner list (``bench.peer``) and a
signed-in empty page (the frame every signed-in page pays: session, user, two-factor
device, timeouts, CSP nonce, the base template's menu and bell; no data, no read event)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from bench.peer import PeerPrisonerViewSet
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as product
from core.views.base import NO_FILE, StaffView

EMPTY = engines["django"].from_string('{% extends "base.html" %}{% block content %}<h1>·</h1>{% endblock %}')


class EmptyPage(StaffView):
    capability = NO_FILE

    def get(self, request):
        return HttpResponse(EMPTY.render({}, request))


urlpatterns = [
    path("bench/empty/", EmptyPage.as_view(), name="bench-empty"),
    path("bench/peer/prisoners/", PeerPrisonerViewSet.as_view({"get": "list"}), name="bench-peer-list"),
    *product,
]
