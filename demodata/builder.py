"""Demo data: two facilities, staff for every role, prisoners with realistic
Tajik and Russian names. Used by ``manage.py seed_demo`` and by the tests'
personas, so the accounts a tester signs in with are the ones the tests prove."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from casemgmt import services
from casemgmt.choices import (
    AgeGroup,
    CustodyStatus,
    DocumentKind,
    FacilityKind,
    GenderIdentity,
    LegalStatus,
    Role,
    Sex,
    UnitLegalCategory,
    UnitPurpose,
)
from casemgmt.models import Facility, Prisoner, User
from casework.services import allocation_set
from classification import services as risk
from classification.demo_instruments import INSTRUMENTS
from classification.models import Instrument
from classification.selectors import assessment_form_rows
from custody import services as custody
from custody.models import Find, Movement
from discipline import services as discipline
from discipline.models import Offence, SanctionKind
from family import services as family
from legal import services as legal_services
from legal.models import ReleasePlan
from rehabilitation import services as rehab
from rehabilitation.models import Offering, Programme, ProgrammeGoal

FACILITY_A = "dushanbe-1"
FACILITY_B = "vahdat-3"

FAMILY = [
    "Раҳимов",
    "Қодиров",
    "Ғафуров",
    "Ҷӯраев",
    "Назаров",
    "Саидов",
    "Шарипов",
    "Каримов",
    "Ҳасанов",
    "Мирзоев",
    "Сафаров",
    "Азимов",
    "Умаров",
    "Юсуфов",
    "Холов",
    "Давлатов",
    "Исмоилов",
    "Бобоев",
    "Тоиров",
    "Нуров",
    "Собиров",
    "Шодиев",
    "Ашуров",
    "Ҳакимов",
    "Зоиров",
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Рахимов",
    "Одинаев",
    "Қурбонов",
]
MALE = [
    "Фаридун",
    "Шерзод",
    "Далер",
    "Ҷамшед",
    "Фирӯз",
    "Бахтиёр",
    "Комрон",
    "Рустам",
    "Умед",
    "Суҳроб",
    "Манучеҳр",
    "Парвиз",
    "Илҳом",
    "Алишер",
    "Баҳодур",
    "Исмоил",
    "Саид",
    "Шаҳром",
    "Сергей",
    "Алексей",
    "Абдуллоҳ",
    "Зафар",
    "Бехрӯз",
    "Нозим",
]
FEMALE = [
    "Зарина",
    "Мадина",
    "Нигина",
    "Гулноза",
    "Малика",
    "Шаҳло",
    "Дилноза",
    "Фарзона",
    "Таҳмина",
    "Меҳрангез",
    "Ойша",
    "Сабрина",
    "Ольга",
    "Наргис",
]
FATHERS = [
    "Абдулло",
    "Назар",
    "Саид",
    "Карим",
    "Раҳим",
    "Умар",
    "Юсуф",
    "Ҳасан",
    "Исмоил",
    "Давлат",
    "Шариф",
    "Азим",
    "Иван",
    "Сафар",
]
PLACES = [
    "Душанбе",
    "Хуҷанд",
    "Бохтар",
    "Кӯлоб",
    "Истаравшан",
    "Ваҳдат",
    "Турсунзода",
    "Хоруғ",
    "Панҷакент",
    "Исфара",
]


def feminine(family: str) -> str:
    return family + "а" if family.endswith(("ов", "ев", "ин")) else family


def patronymic(father: str, sex: str) -> str:
    base = father[:-1] if father.endswith("о") else father
    return base + ("овна" if sex == Sex.FEMALE else "ович")


@dataclass
class Demo:
    facilities: dict[str, Facility] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    prisoners: dict[str, list[Prisoner]] = field(default_factory=dict)


def already_seeded() -> bool:
    return Facility.objects.filter(code=FACILITY_A).exists()


@transaction.atomic
def build(
    *,
    prisoners: int = 200,
    password: str,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
    casework: bool = False,
) -> Demo:
    """The demo world. ``casework`` adds the risk instruments and a few assessments
    and decisions on the case manager's caseload (``seed_demo`` does; tests build
    what they test)."""
    rng = random.Random(seed)
    demo = Demo()
    actor = None  # the system
    a = services.facility_create(
        actor=actor, code=FACILITY_A, kind=FacilityKind.PRETRIAL, name="СИЗО №1, Душанбе", region="Душанбе"
    )
    b = services.facility_create(
        actor=actor, code=FACILITY_B, kind=FacilityKind.COLONY, name="Колонияи №3, Ваҳдат", region="Ваҳдат"
    )
    demo.facilities = {"A": a, "B": b}
    units = {
        "A": [
            ("R", "Қабул / Приёмное", Sex.MALE, UnitLegalCategory.REMAND, UnitPurpose.RECEPTION, 4),
            ("M1", "Мардона, тафтишотӣ", Sex.MALE, UnitLegalCategory.REMAND, UnitPurpose.GENERAL, 12),
            ("M2", "Мардона, маҳкумшуда", Sex.MALE, UnitLegalCategory.CONVICTED, UnitPurpose.GENERAL, 10),
            ("W1", "Занона", Sex.FEMALE, UnitLegalCategory.REMAND, UnitPurpose.GENERAL, 6),
            (
                "W2",
                "Занона, маҳкумшуда",
                Sex.FEMALE,
                UnitLegalCategory.CONVICTED,
                UnitPurpose.MOTHER_AND_CHILD,
                4,
            ),
        ],
        "B": [
            ("G1", "Отряди 1", Sex.MALE, UnitLegalCategory.CONVICTED, UnitPurpose.GENERAL, 12),
            ("G2", "Отряди 2", Sex.MALE, UnitLegalCategory.CONVICTED, UnitPurpose.GENERAL, 12),
            (
                "HS",
                "Бахши муҳофизати баланд",
                Sex.MALE,
                UnitLegalCategory.CONVICTED,
                UnitPurpose.HIGH_SECURITY,
                6,
            ),
        ],
    }
    cells = {}
    for key, facility in demo.facilities.items():
        for code, name, sex, legal, purpose, n_cells in units[key]:
            unit = services.unit_create(
                actor=actor,
                facility=facility,
                code=code,
                name=name,
                sex=sex,
                legal_category=legal,
                purpose=purpose,
                age_group=AgeGroup.ADULT,
            )
            cells[unit] = services.cells_create(
                actor=actor,
                unit=unit,
                cells=[(f"{i:02d}", rng.choice([4, 6, 8])) for i in range(1, n_cells + 1)],
            )

    accounts = [
        ("officer.a", [Role.OFFICER], [a], "Фирӯза", "Назарова"),
        ("officer.b", [Role.OFFICER], [b], "Давлат", "Саидов"),
        ("casemanager.a", [Role.CASE_MANAGER], [a], "Мавзуна", "Каримова"),
        ("programme.a", [Role.PROGRAMME_STAFF], [a], "Шуҳрат", "Алиев"),
        ("supervisor.a", [Role.SUPERVISOR], [a], "Бахтиёр", "Раҷабов"),
        ("admin", [Role.ADMINISTRATOR], [], "Администратор", "Системы"),
        ("auditor", [Role.AUDITOR], [], "Аудитор", "Системы"),
        # the inspection body a complaint may be addressed to (Rule 56(3)): no facility, no grant
        ("inspector", [Role.INSPECTOR], [], "Нозир", "Мустақил"),
    ]
    for username, roles, facilities, first, last in accounts:
        demo.users[username] = services.staff_create(
            actor=actor,
            username=username,
            password=password,
            roles=roles,
            facilities=facilities,
            first_name=first,
            last_name=last,
            preferred_language="tg" if username.endswith(".a") else "ru",
        )
    admin = demo.users["admin"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])

    today = timezone.localdate()
    unit_list = {key: [u for u in cells if u.facility == f] for key, f in demo.facilities.items()}
    demo.prisoners = {"A": [], "B": []}
    room = {cell.pk: cell.capacity for unit_cells in cells.values() for cell in unit_cells}
    for i in range(prisoners):
        key = "A" if i % 2 == 0 else "B"
        unit = unit_list[key][(i // 2) % len(unit_list[key])]  # every unit gets people
        sex = unit.sex
        family = rng.choice(FAMILY)
        if sex == Sex.FEMALE:
            family, given = feminine(family), rng.choice(FEMALE)
        else:
            given = rng.choice(MALE)
        age_days = rng.randint(19 * 365, 62 * 365)
        legal = (
            LegalStatus.REMAND
            if unit.legal_category == "remand"
            else rng.choice([LegalStatus.CONVICTED, LegalStatus.CONVICTED, LegalStatus.APPEAL])
        )
        prisoner = services.prisoner_admit(
            actor=actor,
            family_name=family,
            given_name=given,
            patronymic=patronymic(rng.choice(FATHERS), sex),
            date_of_birth=today - timedelta(days=age_days),
            place_of_birth=rng.choice(PLACES),
            sex=sex,
            gender_identity=GenderIdentity.WOMAN if sex == Sex.FEMALE else GenderIdentity.MAN,
            nationality="Тоҷик" if rng.random() < 0.85 else "Ӯзбек",
            citizenships=["TJ"],
            languages=rng.choice([["tg"], ["tg", "ru"], ["ru"], ["uz", "tg"]]),
            interpreter_needed=rng.random() < 0.05,
            legal_status=legal,
            custody_status=CustodyStatus.IN_CUSTODY,
            facility=demo.facilities[key],
            unit=unit,
            cell=_place(rng.choice(cells[unit]), cells[unit], room),
            documents=[
                {"kind": DocumentKind.PASSPORT, "number": f"A{40000000 + i:08d}", "issuing_country": "TJ"}
            ],
        )
        demo.prisoners[key].append(prisoner)
        if progress:
            progress(i + 1, prisoners)

    # Allocations through the case-management service (programme participants come
    # with the casework below, through referrals and enrolments).

    for prisoner in demo.prisoners["A"][:15]:
        allocation_set(
            actor=demo.users["supervisor.a"], prisoner=prisoner, case_manager=demo.users["casemanager.a"]
        )
    if casework:
        _casework(demo, rng)
        _security(demo)
        _family(demo)
        _discipline(demo, password)
        _legal(demo)
    return demo


def _place(drawn, unit_cells, room: dict):
    """The drawn cell if it has a free place, else the next one that has (the capacity
    rule the movement service enforces, custody.placement); none when the unit is full."""
    start = unit_cells.index(drawn)
    for cell in unit_cells[start:] + unit_cells[:start]:
        if room[cell.pk] > 0:
            room[cell.pk] -= 1
            return cell
    return None


def _legal(demo: Demo) -> None:
    """The legal record of the man at court (his hearing names the trip) and of a convicted
    man on the case manager's caseload whose release is two months away (his release plan
    opened by itself), through the legal app's services (``seed_demo`` only)."""
    officer, manager = demo.users["officer.a"], demo.users["casemanager.a"]
    today = timezone.localdate()
    trip = Movement.objects.filter(kind="court", prisoner__legal_status="remand").first()
    if trip is not None:
        case = legal_services.case_create(
            actor=officer,
            prisoner=trip.prisoner,
            case_number="1-214/2026",
            court="Суди ноҳияи Сино, Душанбе",
            opened_on=today - dt.timedelta(days=130),
            lawyer_name="Каримов Д.",
            lawyer_contact="+992 93 000 00 00",
            charges=[("ст. 244 ч. 2", "Theft")],
        )
        legal_services.remand_record(actor=officer, case=case, start_on=today - dt.timedelta(days=120))
        hearing = legal_services.hearing_create(
            actor=officer, case=case, scheduled_at=trip.occurred_at, purpose="Trial"
        )
        legal_services.hearing_link_movement(actor=officer, hearing=hearing, movement=trip)
    convicted = [p for p in demo.prisoners["A"][:15] if p.legal_status == "convicted"]
    if convicted:
        prisoner = convicted[0]
        case = legal_services.case_create(
            actor=officer,
            prisoner=prisoner,
            case_number="1-88/2025",
            court="Суди шаҳри Душанбе",
            opened_on=today - relativedelta(months=14),
            charges=[("ст. 237 ч. 1", "Hooliganism")],
        )
        legal_services.sentence_record(
            actor=officer, case=case, sentenced_on=today - relativedelta(months=10), years=1, regime="general"
        )
        plan = ReleasePlan.objects.filter(prisoner=prisoner).first()
        if plan is not None:
            legal_services.plan_item_add(
                actor=manager,
                plan=plan,
                pathway="accommodation",
                need="No home to return to",
                action="Room with his brother's family agreed",
                owner="Casemanager",
                due_on=today + dt.timedelta(days=30),
            )
            legal_services.plan_item_add(
                actor=manager,
                plan=plan,
                pathway="identity",
                need="Passport expired",
                action="Apply for a new passport",
                owner="Passport office",
                due_on=today + dt.timedelta(days=45),
            )


def _casework(demo: Demo, rng: random.Random) -> None:
    """Load the demo instruments; assess part of the caseload (approved and decided,
    one awaiting approval) so the risk pages have something to show."""
    for data in INSTRUMENTS:
        risk.instrument_load(actor=None, data=data)
    vej = Instrument.objects.get(code="vej")
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    for n, prisoner in enumerate(demo.prisoners["A"][:6]):
        judgement = ["low", "moderate", "high"][n % 3]
        assessment = risk.assessment_start(actor=cm, prisoner=prisoner, instrument=vej, kind="initial")
        ratings = {}
        for _domain, items in assessment_form_rows(assessment):
            for item, _rating in items:
                values = (
                    ["low", "moderate", "high"] if item.scale == "lmh" else ["absent", "partly", "present"]
                )
                ratings[item.pk] = {
                    "value": rng.choice(values),
                    "rationale": "Мусоҳиба ва маълумоти парванда.",
                    "evidence": "Ҳуҷҷатҳои суд",
                }
        assessment = risk.assessment_save(
            actor=cm,
            assessment=assessment,
            ratings=ratings,
            overall=judgement,
            formulation="Намунаи арзёбӣ барои намоиш.",
            prisoner_account="Маҳбус ба саволҳо ҷавоб дод.",
        )
        assessment = risk.assessment_submit(actor=cm, assessment=assessment)
        if n == 5:
            continue  # left waiting for the supervisor
        proposal = risk.assessment_approve(actor=sup, assessment=assessment)
        risk.classification_decide(actor=sup, classification=proposal, placement="dispersal")
    _programmes(demo)


PROGRAMMES = [
    (
        "literacy",
        "education",
        24,
        {"en": "Literacy and numeracy", "ru": "Грамотность и счёт", "tg": "Саводнокӣ ва ҳисоб"},
        [
            {"en": "Reads a short text", "ru": "Читает короткий текст", "tg": "Матни кӯтоҳро мехонад"},
            {"en": "Writes a letter home", "ru": "Пишет письмо домой", "tg": "Ба хона мактуб менависад"},
        ],
    ),
    (
        "dialogue",
        "religious",
        12,
        {"en": "Religious dialogue", "ru": "Религиозный диалог", "tg": "Муколамаи динӣ"},
        [
            {
                "en": "Discusses texts with the imam",
                "ru": "Обсуждает тексты с имамом",
                "tg": "Матнҳоро бо имом муҳокима мекунад",
            }
        ],
    ),
    (
        "family",
        "family",
        8,
        {
            "en": "Family contact and parenting",
            "ru": "Связь с семьёй и родительство",
            "tg": "Робита бо оила ва тарбияи фарзанд",
        },
        [
            {
                "en": "Keeps regular contact with the children",
                "ru": "Регулярно общается с детьми",
                "tg": "Бо фарзандон мунтазам робита дорад",
            }
        ],
    ),
]


def _programmes(demo: Demo) -> None:
    """Three programmes; programme.a runs literacy at facility A for part of the caseload."""
    for code, kind, sessions, name, goals in PROGRAMMES:
        programme = Programme.objects.create(
            code=code,
            kind=kind,
            sessions_count=sessions,
            name=name,
            description={"en": "", "ru": "", "tg": ""},
        )
        for order, text in enumerate(goals, start=1):
            ProgrammeGoal.objects.create(programme=programme, order=order, text=text)
    today = timezone.localdate()
    offering = Offering.objects.create(
        programme=Programme.objects.get(code="literacy"),
        facility=demo.facilities["A"],
        place="Синфхона 2",
        schedule="Ду., Чш., Ҷм. 10:00",
        starts_on=today - timedelta(days=14),
        capacity=8,
        status="running",
    )
    offering.staff.add(demo.users["programme.a"])
    cm, staff = demo.users["casemanager.a"], demo.users["programme.a"]
    men = [p for p in demo.prisoners["A"][:15] if p.sex == "male"][:6]
    for prisoner in men:
        referral = rehab.referral_create(
            actor=cm, prisoner=prisoner, offering=offering, reason="Хондан ва навиштанро намедонад."
        )
        rehab.referral_assess(actor=staff, referral=referral, suitable=True, note="Ҳавасманд")
    for days_ago in (7, 3, 0):
        rehab.session_create(
            actor=staff, offering=offering, date=today - timedelta(days=days_ago), topic="Алифбо"
        )


def _security(demo: Demo) -> None:
    """A morning at facility A: one man at court, a cell search with a phone found and
    handed on, and an incident waiting for the supervisor (``seed_demo`` only)."""
    officer = demo.users["officer.a"]
    men = [p for p in demo.prisoners["A"] if p.sex == "male" and p.unit and p.unit.purpose == "general"]
    if len(men) < 2:
        return
    court, searched = men[0], men[1]
    custody.movement_record(
        actor=officer,
        prisoner=court,
        kind="court",
        external_place="Суди ноҳияи Сино, Душанбе",
        reason="Hearing",
        authorised_by="Court summons",
    )
    search = custody.search_record(
        actor=officer,
        facility=demo.facilities["A"],
        kind="cell",
        basis="intelligence",
        cell=searched.cell,
        searched_by="Назарова Ф., Раҷабов Б.",
        result="finds",
    )
    find = custody.find_record(
        actor=officer,
        search=search,
        tag_number="A-2026-0001",
        item_type="phone",
        description="Mobile phone without SIM card",
        where_found="Inside the mattress",
        prisoner=searched,
        holder="Назарова Ф.",
    )
    custody.custody_event_add(actor=officer, find=find, action="stored", holder="Evidence store, locker 3")
    incident = custody.incident_create(
        actor=officer,
        facility=demo.facilities["A"],
        kind="find",
        location=str(searched.cell),
        description="A mobile phone was found during an intelligence-led search of the cell.",
        find=find,
    )
    custody.incident_person_add(actor=officer, incident=incident, role="involved", prisoner=searched)
    custody.incident_submit(actor=officer, incident=incident)


def _family(demo: Demo) -> None:
    """Family at facility A (``seed_demo`` only): a man's wife and brother, the brother
    banned after bringing in a phone, tomorrow's family session with the wife booked, and
    a woman's baby living with her in the mother-and-child unit."""
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    today = timezone.localdate()
    men = [p for p in demo.prisoners["A"] if p.sex == "male"]
    women = [p for p in demo.prisoners["A"] if p.sex == "female"]
    if not men:
        return
    man = men[0]
    wife = family.contact_add(
        actor=officer,
        prisoner=man,
        relationship="spouse",
        name="Зарина Раҳимова",
        name_latin="Zarina Rahimova",
        phone="+992 90 123 4567",
        next_of_kin=True,
        emergency=True,
        may_visit=True,
    )
    brother = family.contact_add(
        actor=officer,
        prisoner=man,
        relationship="sibling",
        name="Фаррух",
        phone="+992 93 765 4321",
        may_visit=True,
    )
    family.restriction_impose(
        actor=officer,
        prisoner=man,
        contact=brother,
        kind="banned",
        reason_kind="smuggling",
        reason="Brought a mobile phone hidden in food on the last visit.",
        review_on=today + timedelta(days=10),
    )
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(10, 0)))
    session = family.session_create(
        actor=officer,
        facility=demo.facilities["A"],
        kind="family",
        room="Visits room 1",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=6,
    )
    family.visit_book(actor=officer, session=session, prisoner=man, visitors=[wife], children_count=1)
    if women:
        family.child_add(
            actor=supervisor,
            prisoner=women[0],
            name="Малика",
            sex="female",
            date_of_birth=today - timedelta(days=420),
            whereabouts="in_prison",
        )


def _discipline(demo: Demo, password: str) -> None:
    """The phone found in the search reported as an offence, charged, heard and proved
    with a caution; a protective separation with today's health visit; an adjudicator
    and a health worker of facility A (``seed_demo`` only)."""
    a = demo.facilities["A"]
    for username, role, first, last in (
        ("adjudicator.a", Role.ADJUDICATOR, "Зарина", "Ҳасанова"),
        ("health.a", Role.HEALTH, "Нилуфар", "Юсупова"),
    ):
        demo.users[username] = services.staff_create(
            actor=None,
            username=username,
            password=password,
            roles=[role],
            facilities=[a],
            first_name=first,
            last_name=last,
            preferred_language="tg",
        )
    # The catalogue of migration 0002 (made again here if a test flushed it).
    offence = Offence.objects.get_or_create(
        code="phone",
        defaults={
            "name": "Possession of a mobile phone or SIM card",
            "regulation": "Internal rules, art. 15(2)",
        },
    )[0]
    caution = SanctionKind.objects.get_or_create(
        code="caution", defaults={"name": "Caution", "category": "caution"}
    )[0]
    find = Find.objects.filter(facility=a, prisoner__isnull=False).first()
    if find is None:
        return
    officer, today = demo.users["officer.a"], timezone.localdate()
    report = discipline.report_create(
        actor=officer,
        prisoner=find.prisoner,
        offence=offence,
        occurred_at=timezone.now() - dt.timedelta(hours=2),
        place=find.where_found,
        facts="A mobile phone was found inside his mattress during an intelligence-led search.",
        witnesses="Назарова Ф., Раҷабов Б.",
        find=find,
    )
    discipline.report_charge(
        actor=officer, report=report, informed_on=today, language="tg", prepare_until=today
    )
    discipline.report_hear(
        actor=demo.users["adjudicator.a"],
        report=report,
        account="The phone is not mine; I did not know it was there.",
        finding="proved",
        reasons="Found in his own mattress; the cell is single.",
    )
    discipline.sanctions_impose(
        actor=demo.users["adjudicator.a"], report=report, sanctions=[{"kind": caution}]
    )
    taken = {p.pk for p in demo.prisoners["A"][:3]} | {find.prisoner_id}
    apart = next((p for p in demo.prisoners["A"] if p.sex == "male" and p.pk not in taken), None)
    if apart is not None:
        separation = discipline.separation_start(
            actor=demo.users["supervisor.a"],
            prisoner=apart,
            kind="protective",
            legal_basis="Order of the director no. 14: threats from other prisoners",
            hours_out=Decimal("3"),
            planned_end=today + dt.timedelta(days=7),
        )
        discipline.health_visit_record(actor=demo.users["health.a"], separation=separation)
