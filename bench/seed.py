"""The national benchmark data set: ``manage.py seed_bench --prisoners 100000``.

What is built, and how:

* **Through the services** (small, so the real code paths make it): the demo world
  (two facilities, the personas, the risk instruments, three programmes) and 18 more
  facilities with their units (Mandela Rule 11 categories) and cells.
* **By COPY** (psycopg 3 ``cursor.copy`` / ``write_row``, explicit ids, sequences set
  afterwards): 3,000 staff with roles, facility assignments and facility-group
  memberships; the prisoners (Tajik/Russian names in Cyrillic with the Latin spellings
  and the very search keys ``casemgmt.services.refresh_search_fields`` stores); a
  passport each; the facility grants (officers: view/change, supervisors: every
  capability) exactly as ``casemgmt.permissions.grant_facility`` writes them; case-manager allocations with
  the case-manager grants as ``casework.services.allocation_set`` writes them; one
  completed admission per prisoner with a contact and property; three approved
  assessments per prisoner on the published instrument versions and one current
  classification with review dates spread so that some are due and overdue; ten case
  notes per prisoner (one prisoner has 1,000); programme offerings with referrals,
  enrolments, history, sessions and attendance, and the programme staff's grants.
* **Not per row in the audit trail**: the bulk load writes ONE summary audit event
  (``action=create``, ``object_type=bench.seed``) with the row counts, chained like
  every other event, so ``manage.py verify_audit`` passes. The rows the services
  created (facilities, units, cells, personas) carry their own events.

Large tables are loaded with their secondary (non-unique) indexes dropped and
recreated afterwards, and with ``session_replication_role = replica`` so foreign-key
triggers do not fire per row (ids are consistent by construction). The small test
``tests/bench/test_seed.py`` checks the result with the ordinary ORM.

Movements (app ``custody``): ``movements_hook``, two per prisoner, consistent with
each prisoner's present placement.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from casemgmt import names, permissions, services
from casemgmt.choices import AgeGroup, FacilityKind, Role, Sex, UnitLegalCategory, UnitPurpose
from casemgmt.models import Cell, Facility, Prisoner, Unit, User
from core import audit
from core.choices import AuditAction
from demodata import builder as demo

PASSWORD = "bench-password"  # every bench account; the data set is synthetic
MARKER = "bench.seed"

# More names than the demo's, so that a name search over 100,000 files is selective
# the way a real register is.
FAMILY_EXTRA = [
    "Абдуллоев", "Алиев", "Аминов", "Бегов", "Валиев", "Гулов", "Додхудоев", "Ёров",
    "Зиёев", "Икромов", "Камолов", "Латифов", "Маҳмадов", "Неъматов", "Olimov", "Пиров",
    "Раҷабов", "Солиев", "Тағоев", "Убайдуллоев", "Файзуллоев", "Хоҷаев", "Ҳамидов",
    "Чоршанбиев", "Шамсиддинов", "Эмомов", "Юнусов", "Ятимов", "Қаландаров", "Ғаниев",
    "Сидоров", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов",
    "Волков", "Лебедев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов",
]  # fmt: skip
MALE_EXTRA = [
    "Абдураҳмон", "Акбар", "Анвар", "Бахром", "Валиҷон", "Диловар", "Зубайдулло", "Исфандиёр",
    "Карим", "Лутфулло", "Муҳаммад", "Носир", "Олим", "Пайрав", "Раҳмон", "Сино", "Толиб",
    "Файзулло", "Хуршед", "Ҳусейн", "Шоҳин", "Эраҷ", "Юсуф", "Ғайрат", "Қодир",
    "Андрей", "Дмитрий", "Игорь", "Михаил", "Николай", "Олег", "Павел", "Владимир", "Виктор",
]  # fmt: skip
FEMALE_EXTRA = ["Гулрухсор", "Мунира", "Нилуфар", "Парвина", "Руҳшона", "Сабоҳат", "Анна", "Елена", "Наталья"]

NOTE_TEXTS = [
    ("general", "Бо маҳбус суҳбат гузаронида шуд. Рафтораш ором аст."),
    ("general", "Беседа с осуждённым: жалоб не заявлял, настроение ровное."),
    ("behaviour", "Тартиботро вайрон накардааст; дар корҳои хоҷагӣ иштирок мекунад."),
    ("behaviour", "Замечание за нарушение распорядка дня, беседа проведена."),
    ("family_contact", "Вохӯрии кӯтоҳмуддат бо модар ва ҳамсар баргузор шуд."),
    ("family_contact", "Телефонный звонок семье, 15 минут, без замечаний."),
    ("programme", "Дар машғулияти саводнокӣ фаъол буд, вазифаи хонагиро иҷро кард."),
    ("programme", "Посещает курс профессионального обучения, прогресс удовлетворительный."),
    ("health", "Ба духтур муроҷиат кард; тавсияҳо ба қисми тиббӣ фиристода шуданд."),
    ("security", "Тафтиши ҳуҷра: ашёи мамнӯъ ёфт нашуд."),
]
PROPERTY = ["Соат", "Телефони мобилӣ", "Камар", "Ҳамён", "Паспорт (нусха)", "Куртка", "Ключи", "Очки"]
AUTHORITIES = ["Суди ноҳияи Фирдавсӣ", "Суди шаҳри Хуҷанд", "Прокуратураи шаҳри Душанбе", "Суд г. Бохтар"]
NATIONALITIES = [("Тоҷик", "TJ", 0.84), ("Ӯзбек", "TJ", 0.09), ("Рус", "RU", 0.03), ("Қирғиз", "KG", 0.02)]
NATIONALITIES += [("Афғон", "AF", 0.02)]
LANGUAGES = [["tg"], ["tg", "ru"], ["ru"], ["uz", "tg"], ["tg", "ru", "en"], ["ky", "ru"], ["fa", "tg"]]

# Layout of the 20 facilities: (code, name, kind, region, unit plan). A unit plan is
# (code, name, sex, legal category, age group, purpose, share of the facility's places).
M, W = Sex.MALE, Sex.FEMALE
REM, CON = UnitLegalCategory.REMAND, UnitLegalCategory.CONVICTED
AD, JUV = AgeGroup.ADULT, AgeGroup.JUVENILE
PRETRIAL_UNITS = [
    ("XR", "Қабул", M, REM, AD, UnitPurpose.RECEPTION, 0.05),
    ("XM1", "Тафтишотӣ 1", M, REM, AD, UnitPurpose.GENERAL, 0.3),
    ("XM2", "Тафтишотӣ 2", M, REM, AD, UnitPurpose.GENERAL, 0.3),
    ("XM3", "Маҳкумшудагон", M, CON, AD, UnitPurpose.GENERAL, 0.25),
    ("XW1", "Занона", W, REM, AD, UnitPurpose.GENERAL, 0.06),
    ("XW2", "Занона, маҳкумшуда", W, CON, AD, UnitPurpose.GENERAL, 0.04),
]
COLONY_UNITS = [
    ("XG1", "Отряди 1", M, CON, AD, UnitPurpose.GENERAL, 0.22),
    ("XG2", "Отряди 2", M, CON, AD, UnitPurpose.GENERAL, 0.22),
    ("XG3", "Отряди 3", M, CON, AD, UnitPurpose.GENERAL, 0.22),
    ("XG4", "Отряди 4", M, CON, AD, UnitPurpose.GENERAL, 0.22),
    ("XHS", "Муҳофизати баланд", M, CON, AD, UnitPurpose.HIGH_SECURITY, 0.08),
    ("XMD", "Қисми тиббӣ", M, CON, AD, UnitPurpose.MEDICAL, 0.04),
]
WOMEN_UNITS = [
    ("XW1", "Отряди занона 1", W, CON, AD, UnitPurpose.GENERAL, 0.45),
    ("XW2", "Отряди занона 2", W, CON, AD, UnitPurpose.GENERAL, 0.4),
    ("XMC", "Модар ва кӯдак", W, CON, AD, UnitPurpose.MOTHER_AND_CHILD, 0.15),
]
JUVENILE_UNITS = [
    ("XJ1", "Ноболиғон 1", M, CON, JUV, UnitPurpose.GENERAL, 0.5),
    ("XJ2", "Ноболиғон 2", M, CON, JUV, UnitPurpose.GENERAL, 0.5),
]
TOWNS = [
    "Хуҷанд", "Бохтар", "Кӯлоб", "Истаравшан", "Турсунзода", "Хоруғ", "Панҷакент", "Исфара",
    "Норак", "Ёвон", "Конибодом", "Ҳисор", "Рашт", "Данғара", "Вахш", "Гулистон", "Бустон", "Левакант",
]  # fmt: skip


@dataclass
class FacilityInfo:
    facility: Facility
    share: float  # of the national population
    units: list[tuple[Unit, list[Cell], float]] = field(default_factory=list)  # unit, cells, share


@dataclass
class Context:
    """What the generator knows while it runs; handed to the hooks."""

    n: int
    rng: random.Random
    today: dt.date
    now: dt.datetime
    progress: bool = True
    facilities: list[FacilityInfo] = field(default_factory=list)
    staff: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # role -> [(user id, facility id)]
    prisoners: list[tuple] = field(default_factory=list)  # (id, facility id, unit id, sex, legal, admitted)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    heavy_notes_prisoner: int | None = None
    allocated: dict[int, int] = field(default_factory=dict)  # prisoner id -> case manager id
    ids: dict[str, int] = field(default_factory=dict)  # table -> next id
    password_hash: str = ""

    def next_id(self, table: str) -> int:
        if table not in self.ids:
            with connection.cursor() as cur:
                cur.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
                self.ids[table] = cur.fetchone()[0]
        return self.ids[table]


# --- hooks for the apps merged after the generator was written -------------------------


# Movements per prisoner beyond the admission, as shares of the set's size: court trips
# and hospital stays are two movements each (out, return), transfers and cell moves one.
MOVEMENT_PLAN = {
    "court": 0.15,
    "hospital": 0.05,
    "transfer": 0.2,
    "cell_move": 0.4,
}  # 2 movements per prisoner
COURTS = ["Суди ноҳияи Фирдавсӣ", "Суди шаҳри Хуҷанд", "Суди вилояти Хатлон", "Суди шаҳри Душанбе"]
HOSPITALS = [
    "Беморхонаи марказии Хадамоти зиндонҳо",
    "Беморхонаи шаҳрии №3, Душанбе",
    "Беморхонаи вилоятии Хуҷанд",
]
MOVE_REASONS = {
    "admission": "Қабул бо қарори суд",
    "cell_move": "Тақсимоти ҷойҳо (ҳуҷра)",
    "transfer": "Интиқол бо қарори Сарраёсат",
    "court": "Иштирок дар маҷлиси суд",
    "hospital": "Муолиҷа дар беморхона",
    "return": "Бозгашт ба муассиса",
}


def movements_hook(ctx: Context) -> None:
    """2 movements per prisoner (200,000 for 100,000), app ``custody``, consistent with
    each prisoner's present placement: every history starts with the admission at the
    hour of the completed admission; transfers and cell moves are placed before the
    present, so the last placing movement ends in ``Prisoner.facility/unit/cell``; a
    court or hospital trip is an out movement (``to_*`` the place the person keeps, as
    ``movement_record`` writes it) and its return a few hours or days later. A transfer
    comes from a unit of the same Rule 11 category (sex, legal category, age group) in
    another facility; a cell move from another cell of the same unit."""
    rng = ctx.rng
    n = len(ctx.prisoners)
    if not n:
        return
    units: dict[int, tuple] = {}  # unit id -> (facility id, unit, cell ids)
    by_category: dict[tuple, list[int]] = {}
    for info in ctx.facilities:
        for unit, cells, _share in info.units:
            if cells:
                units[unit.pk] = (info.facility.pk, unit, [c.pk for c in cells])
                by_category.setdefault((unit.sex, unit.legal_category, unit.age_group), []).append(unit.pk)
    officers: dict[int, list[int]] = {}
    for uid, fid in ctx.staff.get(Role.OFFICER, []):
        officers.setdefault(fid, []).append(uid)
    # Which prisoner gets which extra movements (a list per prisoner index).
    extras: dict[int, list[str]] = {}
    for kind, share in MOVEMENT_PLAN.items():
        for _ in range(round(share * n)):
            extras.setdefault(rng.randrange(n), []).append(kind)

    mid = ctx.next_id("custody_movement")
    rows = []

    def add(p, kind, at, src, dst, place=""):
        nonlocal mid
        by = officers.get(dst[0] if dst else src[0]) or [None]
        rows.append(
            (mid, p[0], kind, at, *(src or (None, None, None)), *dst, place, MOVE_REASONS[kind],
             "", "[]", "", None, False, "", rng.choice(by), at)
        )  # fmt: skip
        mid += 1

    for i, p in enumerate(ctx.prisoners):
        pid, fid, uid, _sex, _legal, admitted, cid = p
        here = (fid, uid, cid)
        kinds = extras.get(i, [])
        changes = [k for k in kinds if k in ("transfer", "cell_move")]
        trips = [k for k in kinds if k in ("court", "hospital")]
        # The places before the present, walking back from it.
        places = [here]
        for kind in reversed(changes):
            f, u, c = places[0]
            _f, unit, cells = units[u]
            if kind == "transfer":
                others = [x for x in by_category.get((unit.sex, unit.legal_category, unit.age_group), [])
                          if units[x][0] != f]  # fmt: skip
                if others:
                    u2 = rng.choice(others)
                    places.insert(0, (units[u2][0], u2, rng.choice(units[u2][2])))
                    continue
            other_cells = [x for x in cells if x != c] or cells
            places.insert(0, (f, u, rng.choice(other_cells)))
        kinds_in_order = [
            "transfer" if a[0] != b[0] else "cell_move" for a, b in zip(places, places[1:], strict=False)
        ]
        # Hours: the admission at ``admitted``, the rest spread up to a day ago, in order.
        span = max((ctx.now - dt.timedelta(days=1) - admitted).total_seconds(), 3600.0)
        slots = sorted(rng.uniform(60, span) for _ in range(len(kinds_in_order) + len(trips)))
        # Trips take some of the hours, in a shuffled order among the changes (whose order stays).
        order = kinds_in_order + trips
        rng.shuffle(order)
        changes_iter, trip_iter = iter(kinds_in_order), iter(trips)
        events = []
        for t, slot_kind in zip(slots, order, strict=True):
            events.append(
                (t, next(changes_iter) if slot_kind in ("transfer", "cell_move") else next(trip_iter))
            )
        add(p, "admission", admitted, None, places[0])
        at_index = 0
        for k, (t, kind) in enumerate(events):
            at = admitted + dt.timedelta(seconds=t)
            if kind in ("court", "hospital"):
                place = places[at_index]
                add(p, kind, at, place, place, rng.choice(COURTS if kind == "court" else HOSPITALS))
                stay = (
                    dt.timedelta(hours=rng.randint(3, 9))
                    if kind == "court"
                    else dt.timedelta(days=rng.randint(1, 12))
                )
                following = (
                    admitted + dt.timedelta(seconds=events[k + 1][0]) if k + 1 < len(events) else ctx.now
                )
                back = min(at + stay, at + (following - at) / 2)
                add(p, "return", back, place, place)
            else:
                add(p, kind, at, places[at_index], places[at_index + 1])
                at_index += 1
        assert places[at_index] == here
    cols = ["id", "prisoner_id", "kind", "occurred_at", "from_facility_id", "from_unit_id", "from_cell_id",
            "to_facility_id", "to_unit_id", "to_cell_id", "external_place", "reason", "authorised_by",
            "conflicts", "override_reason", "override_by_id", "property_signed", "property_note",
            "created_by_id", "created_at"]  # fmt: skip
    copy_rows(ctx, "custody_movement", cols, rows, len(rows), "movements")
    ctx.ids["custody_movement"] = mid
    ctx.counts["movements"] = len(rows)


HOOKS: list[Callable[[Context], None]] = [movements_hook]


# --- COPY helpers -----------------------------------------------------------------


class Progress:
    """A plain progress bar on stderr (no dependency)."""

    def __init__(self, label: str, total: int, enabled: bool):
        self.label, self.total, self.enabled = label, max(total, 1), enabled
        self.live = enabled and sys.stderr.isatty()
        self.done, self.start, self.shown = 0, time.perf_counter(), -1

    def step(self, n: int = 1) -> None:
        self.done += n
        pct = self.done * 100 // self.total
        if self.live and pct != self.shown:
            self.shown = pct
            bar = "#" * (pct // 4)
            sys.stderr.write(f"\r  {self.label:<22} [{bar:<25}] {pct:3d}% {self.done:>10,}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.start
            sys.stderr.write(f"\r  {self.label:<22} {self.done:>10,} rows in {elapsed:6.1f} s{' ' * 20}\n")


def copy_rows(
    ctx: Context, table: str, columns: Iterable[str], rows: Iterable[tuple], total: int, label: str
):
    """COPY rows into ``table``; returns the number written."""
    columns = list(columns)
    bar = Progress(label, total, ctx.progress)
    written = 0
    raw = connection.connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
            if written % 2000 == 0:
                bar.step(2000)
    bar.step(written % 2000)
    bar.close()
    ctx.counts[table] = ctx.counts.get(table, 0) + written
    return written


class SecondaryIndexes:
    """Drop a table's non-unique indexes for the load and recreate them afterwards."""

    def __init__(self, tables: list[str]):
        self.tables = tables
        self.defs: list[tuple[str, str]] = []

    def __enter__(self):
        with connection.cursor() as cur:
            cur.execute(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   JOIN pg_class c ON c.relname = i.indexname
                   JOIN pg_index x ON x.indexrelid = c.oid
                   WHERE i.tablename = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary""",
                [self.tables],
            )
            self.defs = cur.fetchall()
            for name, _sql in self.defs:
                cur.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            return False
        with connection.cursor() as cur:
            for _name, sql in self.defs:
                cur.execute(sql)
        return False


# --- the build --------------------------------------------------------------------


def already_seeded() -> bool:
    from core.models import AuditEvent

    return AuditEvent.objects.filter(object_type=MARKER).exists()


def _replica_role() -> None:
    """Foreign-key triggers off for the bulk load (superuser only; ids are consistent by
    construction). Without the privilege the load runs with the checks."""
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
    except Exception:  # noqa: BLE001 - not a superuser: keep the checks
        return


def build(
    *, prisoners: int = 100_000, seed: int = 11, progress: bool = True, fast_load: bool = True
) -> Context:
    """Build the data set into an empty database (migrated). Returns the context."""
    if Prisoner.objects.exists() or Facility.objects.exists():
        raise RuntimeError("seed_bench needs an empty (freshly migrated) database")
    ctx = Context(n=prisoners, rng=random.Random(seed), today=timezone.localdate(), now=timezone.now())
    ctx.progress = progress
    started = time.perf_counter()
    steps = [
        ("structure", _structure),
        ("staff", _staff),
        ("prisoners", _prisoners),
        ("grants", _grants),
        ("admissions", _admissions),
        ("allocations", _allocations),
        ("assessments", _assessments),
        ("case notes", _notes),
        ("programmes", _programmes),
        *[(hook.__name__, hook) for hook in HOOKS],
        ("sequences", _sequences),
        ("tallies", _tallies),
        ("summary audit", _summary),
    ]
    with transaction.atomic():
        for label, step in steps:
            t0 = time.perf_counter()
            if progress:
                sys.stderr.write(f"{label}...\n")
            step(ctx)
            if label == "structure":
                if fast_load:
                    _replica_role()
                else:  # checked at each row, so an index can be built mid-transaction
                    with connection.cursor() as cur:
                        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            ctx.timings[label] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    # VACUUM as well as ANALYZE: a COPY leaves the visibility map unset, and index-only
    # scans (the grant subqueries) then visit the heap for every row.
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE")
    ctx.timings["vacuum analyze"] = round(time.perf_counter() - t0, 2)
    ctx.timings["total"] = round(time.perf_counter() - started, 2)
    return ctx


def _structure(ctx: Context) -> None:
    # One password hash for every bench account (PBKDF2 is slow on purpose).
    world = demo.build(prisoners=0, password=None, seed=2026, casework=True)
    ctx.password_hash = make_password(PASSWORD)
    User.objects.filter(pk__in=[u.pk for u in world.users.values()]).update(password=ctx.password_hash)
    ctx.staff = {role: [] for role in Role.values}
    for user in world.users.values():
        facility = user.facilities.first()
        for role in user.roles:
            ctx.staff[role].append((user.pk, facility.pk if facility else None))
    plan = [
        (world.facilities["A"], PRETRIAL_UNITS),
        (world.facilities["B"], COLONY_UNITS),
    ]
    kinds = (
        [FacilityKind.PRETRIAL] * 5
        + [FacilityKind.COLONY] * 11
        + [FacilityKind.COLONY, FacilityKind.JUVENILE]
    )
    for i, kind in enumerate(kinds):
        town = TOWNS[i]
        units = {FacilityKind.PRETRIAL: PRETRIAL_UNITS, FacilityKind.JUVENILE: JUVENILE_UNITS}.get(
            kind, COLONY_UNITS
        )
        name = {
            FacilityKind.PRETRIAL: f"СИЗО №{i + 2}, {town}",
            FacilityKind.JUVENILE: f"Муассисаи ноболиғон, {town}",
        }
        label = name.get(kind, f"Колонияи №{i + 4}, {town}")
        if i == len(kinds) - 2:
            units, label = WOMEN_UNITS, f"Колонияи занона, {town}"
        facility = services.facility_create(
            actor=None, code=f"bench-{i + 1:02d}", kind=kind, name=label, region=town
        )
        plan.append((facility, units))
    # Places: ~15% over the population; small facilities for women and juveniles.
    weights = [
        1.0 if units is not WOMEN_UNITS and units is not JUVENILE_UNITS else 0.35 for _f, units in plan
    ]
    total_w = sum(weights)
    for (facility, units), w in zip(plan, weights, strict=True):
        info = FacilityInfo(facility=facility, share=w / total_w)
        places = ctx.n * 1.15 * info.share
        for code, name, sex, legal, age, purpose, share in units:
            unit = services.unit_create(
                actor=None, facility=facility, code=code, name=name, sex=sex, legal_category=legal,
                age_group=age, purpose=purpose,
            )  # fmt: skip
            # Pre-trial cells of 12, colony dormitories of 40, small high-security cells.
            capacity = {UnitPurpose.HIGH_SECURITY: 4, UnitPurpose.MEDICAL: 8}.get(
                purpose, 12 if facility.kind == FacilityKind.PRETRIAL else 40
            )
            n_cells = max(2, math.ceil(places * share / capacity))
            cells = services.cells_create(
                actor=None, unit=unit, cells=[(f"{k:03d}", capacity) for k in range(1, n_cells + 1)]
            )
            info.units.append((unit, cells, share))
        ctx.facilities.append(info)


ROLE_PLAN = [  # role, share of the 3,000, username prefix
    (Role.OFFICER, 0.73, "officer"),
    (Role.CASE_MANAGER, 0.17, "cm"),
    (Role.PROGRAMME_STAFF, 0.05, "prog"),
    (Role.SUPERVISOR, 0.035, "sup"),
    (Role.ADMINISTRATOR, 0.015, "admin"),
]


def staff_count(n: int) -> int:
    return max(200, round(3000 * n / 100_000))


def _staff(ctx: Context) -> None:
    """Users with a role, a facility assignment and, for officers and supervisors, the
    facility's group (what ``staff_create`` + ``staff_assign`` write)."""
    total = staff_count(ctx.n)
    password = ctx.password_hash
    role_groups = {role: services.role_group(role).pk for role in Role.values}
    uid, gid, aid = ctx.next_id("casemgmt_user"), ctx.next_id("casemgmt_user_groups"), 0
    aid = ctx.next_id("casemgmt_staffassignment")
    users, memberships, assignments = [], [], []
    rng = ctx.rng
    for role, share, prefix in ROLE_PLAN:
        for k in range(max(1, round(total * share))):
            info = ctx.facilities[k % len(ctx.facilities)]
            female = rng.random() < 0.25
            family = rng.choice(demo.FAMILY + FAMILY_EXTRA)
            first = rng.choice(demo.FEMALE if female else demo.MALE)
            if female:
                family = demo.feminine(family)
            username = f"bench.{prefix}.{k + 1:04d}"
            users.append(
                (uid, password, False, username, first, family, f"{username}@bench.invalid",
                 role == Role.ADMINISTRATOR, True, ctx.now, "", "", rng.choice(["tg", "ru"]), False)
            )  # fmt: skip
            memberships.append((gid, uid, role_groups[role]))
            gid += 1
            if role != Role.ADMINISTRATOR:
                assignments.append((aid, ctx.today, info.facility.pk, uid))
                aid += 1
                group = {
                    Role.OFFICER: info.facility.officers_group_id,
                    Role.SUPERVISOR: info.facility.supervisors_group_id,
                }
                if role in group:
                    memberships.append((gid, uid, group[role]))
                    gid += 1
            ctx.staff[role].append((uid, info.facility.pk if role != Role.ADMINISTRATOR else None))
            uid += 1
    user_cols = ["id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                 "is_active", "date_joined", "patronymic", "position", "preferred_language", "email_digest"]  # fmt: skip
    copy_rows(ctx, "casemgmt_user", user_cols, users, len(users), "staff")
    copy_rows(
        ctx, "casemgmt_user_groups", ["id", "user_id", "group_id"], memberships, len(memberships), "roles"
    )
    cols = ["id", "since", "facility_id", "user_id"]
    copy_rows(ctx, "casemgmt_staffassignment", cols, assignments, len(assignments), "assignments")
    ctx.ids.update({"casemgmt_user": uid, "casemgmt_user_groups": gid, "casemgmt_staffassignment": aid})


@lru_cache(maxsize=100_000)
def _name_fields(family: str, given: str, patronymic: str) -> tuple[str, str, str, str, str]:
    """The Latin spellings and search keys the services would store (no aliases)."""
    latin = [names.transliterate(part) for part in (family, given, patronymic)]
    text = " ".join(p for p in (family, given, patronymic, *latin) if p)
    return latin[0], latin[1], latin[2], names.fold_cyrillic(text), names.search_key(text)


def _placements(ctx: Context):
    """Weighted slots: a facility by its share of the population, a unit by its share."""
    slots = [
        (info, unit, cells, info.share * share)
        for info in ctx.facilities
        for unit, cells, share in info.units
    ]
    return slots, [s[3] for s in slots]


def _prisoners(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    slots, weights = _placements(ctx)
    pid = ctx.next_id("casemgmt_prisoner")
    did = ctx.next_id("casemgmt_identitydocument")
    with connection.cursor() as cur:
        cur.execute("SELECT setval('prison_number_seq', nextval('prison_number_seq') + %s)", [ctx.n])
        first_number = cur.fetchone()[0] - ctx.n
    prefix = services._prefix()
    families, males, females = demo.FAMILY + FAMILY_EXTRA, demo.MALE + MALE_EXTRA, demo.FEMALE + FEMALE_EXTRA
    occupancy: dict[int, int] = {}
    rows, docs = [], []
    chosen = rng.choices(range(len(slots)), weights=weights, k=ctx.n)
    for i in range(ctx.n):
        info, unit, cells, _w = slots[chosen[i]]
        sex = unit.sex
        family = rng.choice(families)
        if sex == Sex.FEMALE:
            family, given = demo.feminine(family), rng.choice(females)
        else:
            given = rng.choice(males)
        patronymic = demo.patronymic(rng.choice(demo.FATHERS + ["Қодир", "Олим", "Раҳмон", "Пётр"]), sex)
        fam_l, giv_l, pat_l, search_name, search_latin = _name_fields(family, given, patronymic)
        if unit.age_group == AgeGroup.JUVENILE:
            age_days = rng.randint(14 * 365 + 10, 17 * 365 + 300)
        else:
            age_days = int(365.25 * min(75, max(18.1, rng.gauss(34, 10))))
        if unit.legal_category == UnitLegalCategory.REMAND:
            legal = "remand"
        else:
            legal = rng.choices(["convicted", "appeal"], weights=[0.9, 0.1])[0]
        cell = cells[i % len(cells)]
        occupancy[cell.pk] = occupancy.get(cell.pk, 0) + 1
        nationality, citizen, _p = rng.choices(NATIONALITIES, weights=[x[2] for x in NATIONALITIES])[0]
        admitted = ctx.now - dt.timedelta(days=rng.randint(1, 6 * 365 if legal != "remand" else 300),
                                          seconds=rng.randint(0, 86_000))  # fmt: skip
        number = f"{prefix}-{admitted:%Y}-{first_number + i:06d}"
        rows.append(
            (pid, number, family, given, patronymic, fam_l, giv_l, pat_l, today - dt.timedelta(days=age_days),
             rng.random() < 0.03, rng.choice(demo.PLACES), sex, "woman" if sex == Sex.FEMALE else "man", "",
             nationality, [citizen], rng.choice(LANGUAGES), rng.random() < 0.05, "", legal, "in_custody",
             search_name, search_latin, admitted, admitted, 1, cell.pk, info.facility.pk, unit.pk)
        )  # fmt: skip
        docs.append(
            (did, "passport" if citizen == "TJ" else "foreign_passport", f"B{i + 1:08d}", citizen, pid)
        )
        ctx.prisoners.append((pid, info.facility.pk, unit.pk, sex, legal, admitted, cell.pk))
        pid += 1
        did += 1
    cols = ["id", "prison_number", "family_name", "given_name", "patronymic", "family_name_latin",
            "given_name_latin", "patronymic_latin", "date_of_birth", "date_of_birth_estimated", "place_of_birth",
            "sex", "gender_identity", "gender_identity_note", "nationality", "citizenships", "languages",
            "interpreter_needed", "photo", "legal_status", "custody_status", "search_name", "search_latin",
            "created_at", "updated_at", "version", "cell_id", "facility_id", "unit_id"]  # fmt: skip
    with SecondaryIndexes(["casemgmt_prisoner"]):
        copy_rows(ctx, "casemgmt_prisoner", cols, rows, len(rows), "prisoners")
    cols = ["id", "kind", "number", "issuing_country", "prisoner_id"]
    copy_rows(ctx, "casemgmt_identitydocument", cols, docs, len(docs), "identity documents")
    ctx.ids.update({"casemgmt_prisoner": pid, "casemgmt_identitydocument": did})


def _perm_ids() -> dict[str, int]:
    ct = ContentType.objects.get_for_model(Prisoner)
    return dict(Permission.objects.filter(content_type=ct).values_list("codename", "pk"))


def _grants(ctx: Context) -> None:
    """The facility grants, as ``casemgmt.permissions.grant_facility`` writes them."""
    perms = _perm_ids()
    officer = [perms[c] for c in permissions.FACILITY_OFFICER_CAPABILITIES]
    supervisor = [perms[c] for c in permissions.FACILITY_SUPERVISOR_CAPABILITIES]
    groups = {
        f.facility.pk: (f.facility.officers_group_id, f.facility.supervisors_group_id) for f in ctx.facilities
    }
    table = "casemgmt_prisonergroupobjectpermission"
    start = ctx.next_id(table)

    def rows():
        gid = start
        for p in ctx.prisoners:
            officers, supervisors = groups[p[1]]
            for perm in officer:
                yield (gid, p[0], officers, perm)
                gid += 1
            for perm in supervisor:
                yield (gid, p[0], supervisors, perm)
                gid += 1

    total = ctx.n * (len(officer) + len(supervisor))
    with SecondaryIndexes([table]):
        copy_rows(
            ctx,
            table,
            ["id", "content_object_id", "group_id", "permission_id"],
            rows(),
            total,
            "facility grants",
        )
    ctx.ids[table] = start + total


def _admissions(ctx: Context) -> None:
    """One completed admission per prisoner (what ``admission_complete`` leaves), with
    a next-of-kin contact and one or two property items."""
    rng = ctx.rng
    officers = _by_facility(ctx, Role.OFFICER)
    aid, cid, pid = (
        ctx.next_id("intake_admission"),
        ctx.next_id("intake_contact"),
        ctx.next_id("intake_propertyitem"),
    )
    days = 14
    with connection.cursor() as cur:
        cur.execute(
            "SELECT p.id, family_name, given_name, patronymic, family_name_latin, given_name_latin,"
            " patronymic_latin, date_of_birth, place_of_birth, sex, gender_identity, nationality, citizenships,"
            " languages, legal_status, d.kind, d.number, d.issuing_country"
            " FROM casemgmt_prisoner p JOIN casemgmt_identitydocument d ON d.prisoner_id = p.id"
            " WHERE p.id >= %s ORDER BY p.id",
            [ctx.prisoners[0][0] if ctx.prisoners else 0],
        )
        people = cur.fetchall()
    adm, contacts, items = [], [], []
    steps = [
        "order",
        "identity",
        "injuries",
        "property",
        "family",
        "security",
        "health",
        "information",
        "review",
    ]
    base = {c: "" for c in ADMISSION_COLUMNS}
    base.update(status="completed", steps_done=steps, version=2, identity_decision="new", aliases="",
                date_of_birth_estimated=False, interpreter_needed=False, property_acknowledged=True,
                conflict_zone_returnee=False, security_flags=[], urgent_health_need=False, doctor_within_24h=False,
                pregnancy="na", released_at=None, legal_basis="Моддаи 186, қ. 2 КҶ ҶТ", info_language="tg",
                info_rules=True, info_rights=True, info_complaints=True, info_legal_advice=True, info_consular=False,
                info_acknowledged=True)  # fmt: skip
    person_cols = ["prisoner_id", "family_name", "given_name", "patronymic", "family_name_latin", "given_name_latin",
                   "patronymic_latin", "date_of_birth", "place_of_birth", "sex", "gender_identity", "nationality",
                   "citizenships", "languages", "legal_status", "document_kind", "document_number",
                   "document_country"]  # fmt: skip
    for person, p in zip(people, ctx.prisoners, strict=True):
        admitted = p[5]
        by = rng.choice(officers[p[1]])
        arrested = admitted - dt.timedelta(days=rng.randint(1, 60))
        row = dict(base)
        row.update(zip(person_cols, person, strict=True))
        row.update(
            id=aid, token=uuid.UUID(int=rng.getrandbits(128), version=4), created_at=admitted, updated_at=admitted,
            order_authority_kind=rng.choice(["court", "prosecutor", "investigator"]),
            order_authority=rng.choice(AUTHORITIES), order_number=f"{rng.randint(1, 9999)}/{admitted:%y}",
            order_date=arrested.date(), arrested_at=arrested, arrest_place=rng.choice(demo.PLACES),
            admitted_at=admitted, initial_assessment_due=(admitted + dt.timedelta(days=days)).date(),
            cell_id=p[6], completed_by_id=by, created_by_id=by, facility_id=p[1], unit_id=p[2],
            info_given_on=admitted.date(), info_given_by_id=by,
        )  # fmt: skip
        adm.append(tuple(row[c] for c in ADMISSION_COLUMNS))
        contacts.append((cid, admitted, "next_of_kin", f"{person[1]}а {rng.choice(demo.FEMALE)}", "модар",
                         f"+992 9{rng.randint(0, 99999999):08d}", rng.choice(demo.PLACES), aid, p[0], by))  # fmt: skip
        cid += 1
        for _k in range(rng.randint(1, 2)):
            items.append(
                (pid, admitted, rng.choice(PROPERTY), 1, "used", "Анбор", False, "", None, aid, p[0], by)
            )
            pid += 1
        aid += 1
    cols = ADMISSION_COLUMNS
    with SecondaryIndexes(["intake_admission"]):
        copy_rows(ctx, "intake_admission", cols, adm, len(adm), "admissions")
    cols = ["id", "recorded_at", "role", "name", "relationship", "phone", "address", "admission_id", "prisoner_id",
            "recorded_by_id"]  # fmt: skip
    copy_rows(ctx, "intake_contact", cols, contacts, len(contacts), "contacts")
    cols = ["id", "recorded_at", "description", "quantity", "condition", "storage_location", "is_valuable",
            "seal_number", "returned_at", "admission_id", "prisoner_id", "recorded_by_id"]  # fmt: skip
    copy_rows(ctx, "intake_propertyitem", cols, items, len(items), "property")
    ctx.ids.update({"intake_admission": aid, "intake_contact": cid, "intake_propertyitem": pid})


ADMISSION_COLUMNS = [
    "id", "token", "status", "steps_done", "created_at", "updated_at", "version", "order_authority_kind",
    "order_authority", "order_number", "order_date", "legal_basis", "reasons", "arrested_at", "arrest_place",
    "legal_status", "identity_decision", "family_name", "given_name", "patronymic", "family_name_latin",
    "given_name_latin", "patronymic_latin", "aliases", "date_of_birth", "date_of_birth_estimated", "place_of_birth",
    "sex", "gender_identity", "gender_identity_note", "nationality", "citizenships", "languages",
    "interpreter_needed", "document_kind", "document_number", "document_country", "photo", "property_acknowledged",
    "property_refusal_note", "countries_abroad", "periods_abroad", "conflict_zone_returnee", "repatriation_route",
    "returned_with", "security_flags", "security_notes", "urgent_health_need", "doctor_within_24h", "pregnancy",
    "medication", "health_notes", "admitted_at", "initial_assessment_due", "released_at", "cell_id",
    "completed_by_id", "created_by_id", "facility_id", "prisoner_id", "unit_id", "info_given_on", "info_given_by_id",
    "info_language", "info_interpreter", "info_rules", "info_rights", "info_complaints", "info_legal_advice",
    "info_consular", "info_acknowledged", "info_no_ack_reason",
]  # fmt: skip


def _by_facility(ctx: Context, role: str) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for uid, fid in ctx.staff[role]:
        if fid is not None:
            out.setdefault(fid, []).append(uid)
    # every facility has someone of each role (small sets reuse the first facility's)
    fallback = next(iter(out.values()))
    return {f.facility.pk: out.get(f.facility.pk, fallback) for f in ctx.facilities}


def _allocations(ctx: Context) -> None:
    """About 30% of prisoners are allocated to a case manager of their facility, with the
    case-manager grants (what ``allocation_set`` writes)."""
    rng = ctx.rng
    managers = _by_facility(ctx, Role.CASE_MANAGER)
    supervisors = _by_facility(ctx, Role.SUPERVISOR)
    perms = _perm_ids()
    caps = [perms[c] for c in permissions.CASE_MANAGER_CAPABILITIES]
    aid, gid = ctx.next_id("casework_allocation"), ctx.next_id("casemgmt_prisoneruserobjectpermission")
    allocs, grants = [], []
    for p in ctx.prisoners:
        if rng.random() >= 0.3:
            continue
        cm = rng.choice(managers[p[1]])
        ctx.allocated[p[0]] = cm
        at = p[5] + dt.timedelta(days=rng.randint(1, 20))
        allocs.append((aid, min(at, ctx.now), "", None, rng.choice(supervisors[p[1]]), cm, None, p[0]))
        aid += 1
        for perm in caps:
            grants.append((gid, p[0], perm, cm))
            gid += 1
    cols = ["id", "allocated_at", "handover_note", "ended_at", "allocated_by_id", "case_manager_id", "ended_by_id",
            "prisoner_id"]  # fmt: skip
    copy_rows(ctx, "casework_allocation", cols, allocs, len(allocs), "allocations")
    table = "casemgmt_prisoneruserobjectpermission"
    with SecondaryIndexes([table]):
        copy_rows(
            ctx,
            table,
            ["id", "content_object_id", "permission_id", "user_id"],
            grants,
            len(grants),
            "cm grants",
        )
    ctx.ids.update({"casework_allocation": aid, table: gid})


def _assessments(ctx: Context) -> None:
    """Three approved assessments per prisoner on the published instrument versions (no
    item ratings: see README) and one current approved classification from the latest,
    reviews due from 60 days ago to a year ahead (about 15% due or overdue)."""
    from classification.models import ClassificationRule, InstrumentVersion

    rng = ctx.rng
    versions = list(InstrumentVersion.objects.filter(status="published").select_related("instrument"))
    rules = {(r.instrument_id, r.judgement, r.sex): r for r in ClassificationRule.objects.all()}
    managers = _by_facility(ctx, Role.CASE_MANAGER)
    supervisors = _by_facility(ctx, Role.SUPERVISOR)
    aid, cid = ctx.next_id("classification_assessment"), ctx.next_id("classification_classification")
    kinds = ["initial", "periodic", "periodic"]
    assessments, classifications = [], []
    for p in ctx.prisoners:
        assessor = ctx.allocated.get(p[0]) or rng.choice(managers[p[1]])
        approver = rng.choice(supervisors[p[1]])
        elapsed = max(3, (ctx.now - p[5]).days)
        for k, kind in enumerate(kinds):
            version = versions[k % len(versions)] if k < 2 else rng.choice(versions)
            at = p[5] + dt.timedelta(days=elapsed * k // 3 + rng.randint(0, 2))
            overall = rng.choices(["low", "moderate", "high"], weights=[0.6, 0.3, 0.1])[0]
            assessments.append(
                (aid, kind, "approved", overall, "Арзёбии мунтазам; маълумот аз парванда ва мусоҳиба.",
                 "", "Парвандаи шахсӣ; мусоҳиба", "", at, at, at, at, 3, approver, assessor, None, p[0], version.pk)
            )  # fmt: skip
            aid += 1
        rule = rules.get((version.instrument_id, overall, p[3])) or rules.get(
            (version.instrument_id, overall, "any")
        )
        level, regime = (rule.security_level, rule.regime) if rule else ("standard", "general")
        due = ctx.today + dt.timedelta(days=rng.randint(-60, 365))
        classifications.append(
            (
                cid,
                "approved",
                level,
                regime,
                level,
                regime,
                "",
                False,
                "none",
                "",
                at,
                due,
                at,
                aid - 1,
                approver,
                p[0],
            )
        )
        cid += 1
    cols = ["id", "kind", "status", "overall", "formulation", "prisoner_account", "sources", "return_comments",
            "created_at", "updated_at", "submitted_at", "approved_at", "version", "approved_by_id", "assessor_id",
            "corrects_id", "prisoner_id", "instrument_version_id"]  # fmt: skip
    with SecondaryIndexes(["classification_assessment"]):
        copy_rows(ctx, "classification_assessment", cols, assessments, len(assessments), "assessments")
    cols = ["id", "status", "suggested_level", "suggested_regime", "security_level", "regime", "override_reason",
            "hold_apart_from_vulnerable", "placement", "notes", "decided_at", "next_review_due", "created_at",
            "assessment_id", "decided_by_id", "prisoner_id"]  # fmt: skip
    with SecondaryIndexes(["classification_classification"]):
        copy_rows(
            ctx,
            "classification_classification",
            cols,
            classifications,
            len(classifications),
            "classifications",
        )
    ctx.ids.update({"classification_assessment": aid, "classification_classification": cid})


def notes_count(n: int) -> int:
    return 10 * n


def _notes(ctx: Context) -> None:
    """Ten notes per prisoner on average; the first prisoner of facility A has 1,000."""
    rng = ctx.rng
    authors = {
        f: a + _by_facility(ctx, Role.CASE_MANAGER)[f] for f, a in _by_facility(ctx, Role.OFFICER).items()
    }
    total = notes_count(ctx.n)
    heavy = next(p for p in ctx.prisoners if p[1] == ctx.facilities[0].facility.pk)  # demo facility A
    ctx.heavy_notes_prisoner = heavy[0]
    start = ctx.next_id("casework_casenote")
    others = ctx.prisoners[1:] or ctx.prisoners

    def rows():
        nid = start
        for p in [heavy] * 1000 + [None] * (total - 1000):
            if p is None:
                p = others[rng.randrange(len(others))]
            kind, text = NOTE_TEXTS[rng.randrange(len(NOTE_TEXTS))]
            span = max(1, int((ctx.now - p[5]).total_seconds()))
            at = p[5] + dt.timedelta(seconds=rng.randrange(span))
            yield (nid, kind, text, at, None, rng.choice(authors[p[1]]), None, p[0])
            nid += 1

    table = "casework_casenote"
    with SecondaryIndexes([table]):
        copy_rows(ctx, table, ["id", "kind", "text", "created_at", "edited_at", "author_id", "corrects_id",
                               "prisoner_id"], rows(), total, "case notes")  # fmt: skip
    ctx.ids[table] = start + total


def _programmes(ctx: Context) -> None:
    """Offerings at every facility over three years; 50,000 enrolments (n/2) through
    referrals, with their history, the sessions and everyone's attendance; programme
    staff get the programme grants on their participants."""
    from rehabilitation.models import Programme

    rng = ctx.rng
    programmes = list(Programme.objects.values_list("pk", "sessions_count"))
    staff = _by_facility(ctx, Role.PROGRAMME_STAFF)
    managers = _by_facility(ctx, Role.CASE_MANAGER)
    perms = _perm_ids()
    caps = [perms[c] for c in permissions.PROGRAMME_STAFF_CAPABILITIES]
    target = ctx.n // 2
    capacity = 20
    by_facility: dict[int, list[tuple]] = {}
    for p in ctx.prisoners:
        by_facility.setdefault(p[1], []).append(p)
    ids = {t: ctx.next_id(t) for t in (
        "rehabilitation_offering", "rehabilitation_offering_staff", "rehabilitation_referral",
        "rehabilitation_enrolment", "rehabilitation_statuschange", "rehabilitation_session",
        "rehabilitation_attendance", "casemgmt_prisoneruserobjectpermission")}  # fmt: skip
    offerings, off_staff, referrals, enrolments, history, sessions, attendance, grants = (
        [] for _ in range(8)
    )
    granted: set[tuple[int, int]] = set()
    made = 0
    n_offerings = math.ceil(target / capacity)
    facilities = [f for f in ctx.facilities if by_facility.get(f.facility.pk)]
    for k in range(n_offerings):
        info = facilities[k % len(facilities)]
        fid = info.facility.pk
        programme_id, n_sessions = programmes[k % len(programmes)]
        starts = ctx.today - dt.timedelta(days=rng.randint(0, 3 * 365))
        ends = starts + dt.timedelta(days=n_sessions * 3)
        status = "running" if ends >= ctx.today else "finished"
        oid = ids["rehabilitation_offering"]
        ids["rehabilitation_offering"] += 1
        offerings.append((oid, f"Синфхона {k % 5 + 1}", "Ду., Чш., Ҷм. 10:00", starts, ends, capacity, status, fid,
                          programme_id))  # fmt: skip
        runner = rng.choice(staff[fid])
        off_staff.append((ids["rehabilitation_offering_staff"], oid, runner))
        ids["rehabilitation_offering_staff"] += 1
        session_ids = []
        for s in range(n_sessions):
            day = starts + dt.timedelta(days=3 * s)
            if day > ctx.today:
                break
            sid = ids["rehabilitation_session"]
            ids["rehabilitation_session"] += 1
            sessions.append((sid, day, dt.time(10, 0), f"Машғулияти {s + 1}", oid))
            session_ids.append((sid, day))
        pool = by_facility[fid]
        for p in rng.sample(pool, min(capacity, len(pool), target - made)):
            rid, eid = ids["rehabilitation_referral"], ids["rehabilitation_enrolment"]
            ids["rehabilitation_referral"] += 1
            ids["rehabilitation_enrolment"] += 1
            referred = timezone.make_aware(dt.datetime.combine(starts - dt.timedelta(days=7), dt.time(9)))
            cm = ctx.allocated.get(p[0]) or rng.choice(managers[fid])
            referrals.append((rid, "Ниёз ба таълим ва малака.", referred, "enrolled", "Мувофиқ", "", runner, None,
                              oid, None, p[0], cm))  # fmt: skip
            outcome = (
                "active" if status == "running" else rng.choices(["completed", "withdrawn"], [0.85, 0.15])[0]
            )
            ended = (
                None if outcome == "active" else timezone.make_aware(dt.datetime.combine(ends, dt.time(12)))
            )
            enrolled = referred + dt.timedelta(days=2)
            enrolments.append((eid, outcome, enrolled, ended, "", p[0], oid, rid))
            for at, st in ((referred, "pending"), (enrolled, "enrolled")):
                history.append((ids["rehabilitation_statuschange"], at, st, "", cm, rid))
                ids["rehabilitation_statuschange"] += 1
            for sid, day in session_ids:
                mark = rng.choices(
                    ["attended", "late", "sick", "refused", "clash"], [0.82, 0.06, 0.05, 0.04, 0.03]
                )[0]
                attendance.append((ids["rehabilitation_attendance"], mark, "",
                                   timezone.make_aware(dt.datetime.combine(day, dt.time(12))), runner, eid, sid))  # fmt: skip
                ids["rehabilitation_attendance"] += 1
            if outcome == "active" and (runner, p[0]) not in granted:
                granted.add((runner, p[0]))
                for perm in caps:
                    gid = ids["casemgmt_prisoneruserobjectpermission"]
                    ids["casemgmt_prisoneruserobjectpermission"] += 1
                    grants.append((gid, p[0], perm, runner))
            made += 1
        if made >= target:
            break
    loads = [
        ("rehabilitation_offering", ["id", "place", "schedule", "starts_on", "ends_on", "capacity", "status",
                                     "facility_id", "programme_id"], offerings, "offerings"),
        ("rehabilitation_offering_staff", ["id", "offering_id", "user_id"], off_staff, "offering staff"),
        ("rehabilitation_session", ["id", "date", "starts_at", "topic", "offering_id"], sessions, "sessions"),
        ("rehabilitation_referral", ["id", "reason", "referred_at", "status", "suitability_note",
                                     "exception_reason", "assessed_by_id", "exception_by_id", "offering_id",
                                     "plan_goal_id", "prisoner_id", "referred_by_id"], referrals, "referrals"),
        ("rehabilitation_enrolment", ["id", "status", "enrolled_at", "ended_at", "end_reason", "prisoner_id",
                                      "offering_id", "referral_id"], enrolments, "enrolments"),
        ("rehabilitation_statuschange", ["id", "at", "status", "reason", "by_id", "referral_id"], history, "history"),
        ("rehabilitation_attendance", ["id", "status", "note", "recorded_at", "recorded_by_id", "enrolment_id",
                                       "session_id"], attendance, "attendance"),
        ("casemgmt_prisoneruserobjectpermission", ["id", "content_object_id", "permission_id", "user_id"], grants,
         "programme grants"),
    ]  # fmt: skip
    for table, cols, rows, label in loads:
        with SecondaryIndexes([table] if table == "rehabilitation_attendance" else []):
            copy_rows(ctx, table, cols, rows, len(rows), label)
    ctx.ids.update(ids)


def _sequences(ctx: Context) -> None:
    """Every id sequence past the explicit ids (``setval``)."""
    with connection.cursor() as cur:
        for table in ctx.ids:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT coalesce(max(id), 1) FROM {table}))",  # noqa: S608
                [table],
            )


def _tallies(ctx: Context) -> None:
    """The group tallies counted afresh: the load ran with the grant table's triggers off
    (``session_replication_role = replica``), so they counted nothing."""
    from core import tallies

    tallies.rebuild()


def _summary(ctx: Context) -> None:
    audit.record(
        None,
        AuditAction.CREATE,
        object_type=MARKER,
        object_id=str(ctx.n),
        object_repr=f"benchmark data set: {ctx.n:,} prisoners",
        after={"rows": ctx.counts, "seconds": ctx.timings},
        reason="bulk load by manage.py seed_bench (one summary event instead of one per row)",
    )


def summary_lines(ctx: Context) -> list[str]:
    lines = [f"{table:<40} {count:>10,}" for table, count in sorted(ctx.counts.items())]
    lines += [f"{step:<40} {sec:>9.1f}s" for step, sec in ctx.timings.items()]
    return lines


_ = (Group, Cell)  # re-exported for hooks
