"""Allocating a file to a case manager: grants follow the allocation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casemgmt.models import Prisoner
from casework import services
from casework.models import Allocation

pytestmark = pytest.mark.django_db


def test_allocation_grants_and_reallocation_revokes(demo, prisoner, cm2, client):
    sup = demo.users["supervisor.a"]
    cm1 = demo.users["casemanager.a"]
    assert Prisoner.objects.restrict(cm1, "manage_caseplan").filter(pk=prisoner.pk).exists()
    with pytest.raises(ValidationError) as error:
        services.allocation_set(actor=sup, prisoner=prisoner, case_manager=cm2)
    assert "handover_note" in error.value.message_dict
    services.allocation_set(
        actor=sup, prisoner=prisoner, case_manager=cm2, handover_note="Family visits Fridays."
    )
    assert Allocation.objects.get(prisoner=prisoner, ended_at__isnull=True).case_manager == cm2
    assert Prisoner.objects.restrict(cm2, "manage_caseplan").filter(pk=prisoner.pk).exists()
    client.force_login(cm1)
    assert client.get(reverse("prisoner-detail", args=[prisoner.pk])).status_code == 404
    assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "plan"])).status_code == 404


def test_only_supervisors_allocate(demo, prisoner, cm2, client, api):
    client.force_login(demo.users["casemanager.a"])
    response = client.post(reverse("casework:allocate", args=[prisoner.pk]), {"case_manager": cm2.pk})
    assert response.status_code == 404
    listed = api(demo.users["supervisor.a"]).post(
        "/api/v1/allocations/",
        {"prisoner": prisoner.pk, "case_manager": cm2.pk, "handover_note": "ok"},
        format="json",
    )
    assert listed.status_code == 201
