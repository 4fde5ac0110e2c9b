"""Begrepp: every measure and term the pages show, with how it is computed (Swedish, for lay readers).

The definitions are built from the constants the code uses (vocabulary labels, settings, the network's rules), so
the glossary page cannot drift from what the pages compute. `lookup(label)` finds the entry for a label as it is
shown on a page (a column header, a key-figure title); labels that name a thing rather than a measure (a name,
a date, a free-text column) are listed in NOT_MEASURES, and tests/test_glossary.py checks that every label on
every page is one or the other.
"""

import re
from dataclasses import dataclass
from functools import cache

from data import settings
from data.deadlines import DUE_SOON_DAYS
from data.formatting import number
from data.groups import SIZE_BANDS
from data.projects import RED_LIGHT_RULE
from data.vocabulary import (
    ASSESSMENT,
    ASSIGNMENT_STATE,
    DECIDED_BY,
    DEVIATION_STATUS,
    DEVIATION_TYPE,
    DIRECTION,
    INDICATOR_STATUS,
    LIGHT,
    PERSPECTIVE,
    PHASE,
    PROJECT_FLAG,
    REPORT_STATE,
    SEVERITY,
    Vocabulary,
)

PATH = "/begrepp"


@dataclass(frozen=True)
class Term:
    """One glossary entry: the name pages use, other labels that mean it, and how it is computed."""

    name: str
    group: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        """ASCII anchor for the entry, e.g. 'budgetavvikelse'."""
        text = self.name.casefold().translate(str.maketrans("åäöé", "aaoe"))
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    @property
    def href(self) -> str:
        """Link to the entry on the glossary page."""
        return f"{PATH}#begrepp-{self.slug}"


def _listing(vocabulary: Vocabulary) -> str:
    return ", ".join(f"{label.lower()}" for label in vocabulary.labels)


def _terms(days: int) -> tuple[Term, ...]:
    serious = SEVERITY.label("high").lower()
    closed = DEVIATION_STATUS.label("closed").lower()
    flags = {
        "status_report_missing": f"projektet är i genomförande och senaste statusrapporten är äldre än {days} dagar",
        "forecast_late": "prognosen för slutdatum ligger efter planerat slut",
        "over_budget": "kostnaden hittills är högre än budgeten",
        "execution_without_bp2": "projektet är i genomförande utan att ha passerat BP2",
        "closed_without_final_report": "BP4 är beslutad men slutrapport saknas",
    }
    return (
        # Mål och indikatorer
        Term(
            "Måluppfyllelse",
            "Mål och indikatorer",
            "Andelen av de bedömda målen som är uppfyllda, delvis uppfyllda eller ej uppfyllda under perioden. "
            f"Bedömningen är nämndens egen: {_listing(ASSESSMENT)}. Mål som är "
            f"{ASSESSMENT.label('not_assessed').lower()}a räknas inte in i andelen men visas alltid. Ett måls "
            "bedömning för en månad är dess senaste bedömning med period som slutar senast den månaden.",
            ("Uppfyllda mål", "Bedömning", "Mål uppfyllda"),
        ),
        Term(
            "KF-mål",
            "Mål och indikatorer",
            "Ett mål som kommunfullmäktige har beslutat. Nämnderna bryter ned KF-målen i egna nämndmål.",
        ),
        Term("Nämndmål", "Mål och indikatorer", "Ett mål som en nämnd har beslutat för sin verksamhet."),
        Term(
            "Perspektiv",
            "Mål och indikatorer",
            f"Vilket perspektiv ett mål gäller: {_listing(PERSPECTIVE)}.",
        ),
        Term(
            "Förändring",
            "Mål och indikatorer",
            "Hur ett måls bedömning har ändrats sedan föregående bedömning: bättre, sämre eller oförändrad.",
        ),
        Term(
            "Indikator",
            "Mål och indikatorer",
            "Ett mätbart värde som visar hur det går för ett mål, med utfall, målvärde och riktning.",
            ("Indikator i kommunen",),
        ),
        Term(
            "Målvärde",
            "Mål och indikatorer",
            "Det värde nämnden vill att indikatorn ska nå. En indikator utan målvärde har ingen status.",
            ("Eget målvärde",),
        ),
        Term(
            "Riktning",
            "Mål och indikatorer",
            f"Om ett högre eller lägre värde är bättre för indikatorn: {_listing(DIRECTION)}.",
        ),
        Term(
            "Indikatorstatus",
            "Mål och indikatorer",
            f"Räknas fram ur utfall, målvärde och riktning: {_listing(INDICATOR_STATUS)}. Högre är bättre: "
            "utfallet når målvärdet när det är minst lika stort; lägre är bättre: när det är högst lika stort.",
            ("Mot målvärdet",),
        ),
        Term(
            "Utfall",
            "Mål och indikatorer",
            "Det uppmätta värdet för perioden, som nämnden har rapporterat det.",
            ("Utfall (rapporterat)", "Värde (%)", "Värde"),
        ),
        # Ekonomi
        Term(
            "Budgetavvikelse",
            "Ekonomi",
            "Utfall minus budget, i tkr, för perioden januari till vald månad (hittills i år), och i procent av "
            "budgetens belopp: avvikelse / |budget| × 100. Nettokostnader är negativa, så en negativ avvikelse är "
            "ett underskott och en positiv ett överskott.",
            ("Avvikelse hittills", "Avvikelse %", "Budgetavvikelse hittills", "Budgetavvikelse hittills i år"),
        ),
        Term(
            "Helårsprognos",
            "Ekonomi",
            "Nämndens prognos för hela årets nettokostnad, i tkr, som den rapporterades för vald månad "
            "(summerad över verksamheterna).",
            ("Prognos helår", "Prognos"),
        ),
        Term(
            "Prognosavvikelse",
            "Ekonomi",
            "Helårsprognos minus årsbudget, i tkr, och i procent av årsbudgetens belopp. Negativ betyder att "
            "nämnden räknar med ett underskott för året.",
            ("Avvikelse prognos", "Avvikelse prognos %", "Prognosavvikelse helår"),
        ),
        Term(
            "Läge helår",
            "Ekonomi",
            "Prognosavvikelsen i ord: underskott, överskott eller budget i balans (avrundat till hela tkr).",
        ),
        Term(
            "Försämrad prognos",
            "Ekonomi",
            "Prognosavvikelsen är lägre än månaden före. Tre försämringar i rad flaggas.",
        ),
        Term(
            "Underskott och överskott",
            "Ekonomi",
            "Teckenregeln: avvikelse = utfall − budget. Kostnader är negativa belopp, som i kommunens redovisning. "
            "En negativ avvikelse (−) betyder att mer pengar har gått åt än budgeterat: underskott. En positiv "
            "(+) betyder att mindre har gått åt: överskott.",
            ("Underskott", "Överskott", "Teckenregeln"),
        ),
        Term("Årsbudget", "Ekonomi", "Nämndens budget för hela året, i tkr, som den gällde vald månad."),
        Term(
            "Budget hittills",
            "Ekonomi",
            "Summan av månadernas budget från januari till och med vald månad, i tkr.",
        ),
        Term(
            "Utfall hittills",
            "Ekonomi",
            "Summan av månadernas utfall (bokförd nettokostnad) från januari till och med vald månad, i tkr.",
        ),
        Term("tkr", "Ekonomi", "Tusen kronor. Alla belopp i Styrkedjan anges i tkr."),
        # Avvikelser
        Term(
            "Avvikelse",
            "Avvikelser",
            "En rapporterad händelse eller brist med orsak, åtgärd och status. "
            f"Typer: {_listing(DEVIATION_TYPE)}. Status: {_listing(DEVIATION_STATUS)}.",
            ("Öppna avvikelser", "Typ", "Status"),
        ),
        Term("Allvarlighet", "Avvikelser", f"Nämndens bedömning av hur allvarlig avvikelsen är: {_listing(SEVERITY)}."),
        Term(
            "Allvarlig avvikelse",
            "Avvikelser",
            f"En avvikelse med allvarlighet {serious} som inte är {closed}.",
            ("Allvarliga avvikelser", "Allvarliga öppna avvikelser"),
        ),
        Term(
            "Ny avvikelse",
            "Avvikelser",
            "En avvikelse som ingen rapport till och med förra månadens slut kände till.",
            ("Ny", "Flagga"),
        ),
        Term("Ålder", "Avvikelser", "Antal dagar från att avvikelsen rapporterades till vald månads slut."),
        # Uppdrag
        Term(
            "Uppdrag",
            "Uppdrag",
            "En uppgift som kommunfullmäktige eller kommunstyrelsen har gett en nämnd, med beslutsdatum, "
            f"paragraf eller diarienummer och slutdatum. Beslutat av: {_listing(DECIDED_BY)}.",
            ("Beslutat av", "Totalt"),
        ),
        Term(
            "Läge för uppdrag",
            "Uppdrag",
            f"Räknas fram per dag: {ASSIGNMENT_STATE.label('cancelled')} om uppdraget är avbrutet; "
            f"{ASSIGNMENT_STATE.label('reported_back').lower()} om det är klart och återrapporterat; "
            f"{ASSIGNMENT_STATE.label('done_not_reported').lower()} om det är klart men inte återrapporterat; "
            f"{ASSIGNMENT_STATE.label('overdue').lower()} om det inte är klart och slutdatum har passerats; annars "
            "dess status (pågår, ej påbörjat). Uppdragen bedöms vid vald månads slut, eller i dag medan månaden "
            "pågår.",
            ("Läge", *ASSIGNMENT_STATE.labels, "Försenade uppdrag"),
        ),
        Term(
            "Återrapportering",
            "Uppdrag",
            "Nämnden redovisar för fullmäktige vad den har gjort med ett uppdrag. Ett uppdrag kan vara klart men "
            "ännu inte återrapporterat. Att återrapportera vid nästa möte: öppet, inte återrapporterat och med "
            "slutdatum senast nästa fullmäktigemöte.",
            ("Att återrapportera",),
        ),
        Term(
            "Klara i tid",
            "Uppdrag",
            "Andelen av de klara uppdragen som blev klara senast sitt slutdatum, i procent.",
        ),
        Term(
            "Medelförsening",
            "Uppdrag",
            "Genomsnittligt antal dagar efter slutdatum över klara och försenade uppdrag; ett uppdrag klart i tid "
            "räknas som 0 dagar.",
            ("Medelförsening, dagar",),
        ),
        # Projekt
        Term(
            "Fas",
            "Projekt",
            f"Projektmodellens faser i ordning: {_listing(PHASE)}.",
        ),
        Term(
            "Beslutspunkt",
            "Projekt",
            "BP1: projektet är värt att göra. BP2: planen leder till målet. BP3: leveransen motsvarar målet. "
            "BP4: projektet får avslutas. Senaste BP är den senast passerade beslutspunkten.",
            ("BP1–BP4", "Senaste BP", "BP"),
        ),
        Term(
            "Trafikljus",
            "Projekt",
            f"Projektledarens bedömning för tid, kostnad och leverans: {_listing(LIGHT)}. Färgen visas alltid "
            "tillsammans med en symbol och ett ord.",
            ("Tid", "Kostnad", "Leverans"),
        ),
        Term("Projekt med rött ljus", "Projekt", RED_LIGHT_RULE, ("Rött ljus",)),
        Term(
            "Projektflaggor",
            "Projekt",
            "Regler som räknas fram ur projektets rapporter: "
            + "; ".join(f"{PROJECT_FLAG.label(code)}: {rule}" for code, rule in flags.items())
            + ".",
            ("Flaggor", *PROJECT_FLAG.labels),
        ),
        Term(
            "Förskjutning",
            "Projekt",
            "Antal dagar mellan planerat slut och prognosen för slutdatum; positivt betyder senare än planerat.",
        ),
        Term(
            "Andel av budget",
            "Projekt",
            "Kostnad hittills / budget × 100.",
            ("Budget", "Kostnad hittills", "Extern finansiering", "Prognos slut", "Planerat slut"),
        ),
        # Förbättringsförslag
        Term(
            "Förslag per medarbetare",
            "Förbättringsförslag",
            "Antal inlämnade (eller genomförda) förbättringsförslag under perioden delat med antalet medarbetare. "
            "Visas också per 100 medarbetare.",
            (
                "Genomförda förslag per medarbetare",
                "Genomförda per medarbetare",
                "Inlämnade per medarbetare",
                "Genomförda per 100 medarbetare",
                "Inlämnade per 100 medarbetare",
                "Per 100 medarbetare",
                "Genomförda",
                "Inlämnade",
            ),
        ),
        Term(
            "Medarbetare",
            "Förbättringsförslag",
            "Medelvärdet av månadernas antal medarbetare i perioden (summerat över förvaltningarna), enligt "
            "nätverkets gemensamma definition, som visas bredvid varje mått.",
            ("Medarbetare (medeltal)", "Definition av medarbetare"),
        ),
        Term("Genomförandegrad", "Förbättringsförslag", "Genomförda förslag / inlämnade förslag × 100."),
        Term(
            "Placering",
            "Förbättringsförslag",
            "Kommunernas plats när de ordnas efter måttet, bäst först. Lika värden får samma plats (1, 2, 2, 4). "
            "Bara fullständiga kommuner får en plats.",
            ("Plac.", "Rangordning"),
        ),
        Term(
            "Ofullständig",
            "Förbättringsförslag",
            "En kommun som saknar förslag eller antal medarbetare för någon förvaltning och månad i perioden. Den "
            "visas för sig med vad som saknas och rangordnas inte, i stället för att räknas som noll.",
            ("Uppgifter", "Ofullständiga"),
        ),
        Term(
            "Pro rata",
            "Förbättringsförslag",
            "Ett årsmål räknat för en del av året: mål × antal månader i perioden / 12.",
            ("Mot eget mål (genomförda)", "Mot eget mål (inlämnade)", "Eget mål"),
        ),
        Term(
            "Helårstakt",
            "Förbättringsförslag",
            "Periodens värde × 12 / antal månader i perioden. Visas bara när det är valt och sägs då ut.",
            ("Omräknat till helår",),
        ),
        # Jämförelser
        Term(
            "Kolada",
            "Jämförelser",
            "Den nationella databasen för kommunala nyckeltal (RKA). En indikator som anger ett Kolada-id kan "
            "jämföras med alla kommuner. Siffrorna läses in med python -m etl kolada.",
            ("Kolada-id", "Nationell median"),
        ),
        Term(
            "Jämförelsegrupp",
            "Jämförelser",
            "Vilka kommuner en jämförelse gäller: alla kommuner med uppgifter, nätverket, kommuner av liknande "
            f"storlek (invånarband med gränserna {', '.join(number(b) for b in SIZE_BANDS[1:])} invånare; antal "
            "invånare enligt Kolada N01951), samma län (kommunkodens två första siffror), en egen lista eller "
            "någon av Koladas kommungrupper. Placering och median räknas inom gruppen.",
            ("Jämför med", "Liknande kommuner"),
        ),
        Term(
            "Median",
            "Jämförelser",
            "Det mittersta värdet när värdena ordnas; vid jämnt antal medelvärdet av de två mittersta. "
            "Nätverkets median räknas över kommunerna i vald jämförelsegrupp (standard: alla kommuner med uppgifter), "
            "den nationella (Kolada) över alla kommuner med värde.",
            ("Nätverkets median", "Gruppens median"),
        ),
        # Data
        Term(
            "Dataversion",
            "Data",
            "Varje publicering av nya rapporter ger en ny dataversion med ett kort id. Sidor och rapporter "
            "anger vilken dataversion siffrorna kommer från, så att en utskrift kan spåras.",
        ),
        Term(
            "Rapportkalender",
            "Data",
            "Kommunens årshjul: sista dag för varje rapportperiod (månad, tertial eller år), för alla nämnder eller "
            "för en enskild nämnd. Den läses in med python -m etl calendar. Sista dagen räknas som i tid.",
            ("Årshjul", "Sista dag"),
        ),
        Term(
            "Rapportläge",
            "Data",
            f"En nämnds rapport för en period jämförd med rapportkalendern: {REPORT_STATE.label('on_time').lower()} "
            f"(senast sista dag), {REPORT_STATE.label('late').lower()} (så många dagar efter sista dag), "
            f"{REPORT_STATE.label('overdue').lower()} (ingen rapport och sista dag har passerat), "
            f"{REPORT_STATE.label('due_soon').lower()} (ingen rapport ännu och högst {DUE_SOON_DAYS} dagar kvar) "
            f"eller {REPORT_STATE.label('upcoming').lower()}. En återkallad rapport räknas som saknad.",
            ("Dagar sent", *REPORT_STATE.labels),
        ),
        Term(
            "Inlämnad",
            "Data",
            "När rapporten kom in till Styrkedjan (inläsning eller uppladdning): den första av nämndens giltiga "
            "inlämningar för perioden. En senare rättelse gör inte en rapport som kom i tid försenad.",
        ),
        Term(
            "Nästa sammanträde",
            "Data",
            "Det första sammanträdet i kommunstyrelsen (KS) eller kommunfullmäktige (KF) på eller efter sista dag: "
            "där rapporten kan behandlas. Datumen kommer från kommunstyrelsens rapport (bladet Sammanträden).",
            ("Nästa KS", "Nästa KF", "Sammanträden"),
        ),
        Term(
            "Ingen rapport inlämnad",
            "Data",
            "Nämnden har inte lämnat någon rapport för perioden. Det visas alltid uttryckligen, aldrig som noll.",
            ("Nämnder som rapporterat",),
        ),
    )


GROUPS = (
    "Mål och indikatorer",
    "Ekonomi",
    "Avvikelser",
    "Uppdrag",
    "Projekt",
    "Förbättringsförslag",
    "Jämförelser",
    "Data",
)

# Column and card labels that name or identify a thing (no computation to explain).
NOT_MEASURES = frozenset(
    {
        # the account list's columns (/admin/konton)
        "Användarnamn",
        "Roll",
        "Kommuner",
        "Nämnder",
        "Inloggning",
        # the audit log's columns (/admin/logg)
        "Tid (UTC)",
        "Vem",
        "Handling",
        "Vad",
        "Detaljer",
        "Varifrån",
        "Kommun",
        "Nämnd",
        "Nämnd / verksamhet",
        "Förvaltning",
        "Kommentar",
        "Beskrivning",
        "Orsak",
        "Åtgärd",
        "Datum",
        "Avvikelse-ID",
        "Ansvarig roll",
        "Projekt",
        "Projekt-ID",
        "Ägande nämnd",
        "Finansiär",
        "Mottagare",
        "Diarienummer",
        "Paragraf",
        "Beslutsdatum",
        "Slutdatum",
        "BP datum",
        "Senast rapporterat",
        "Senaste statusrapport",
        "Period",
        "Rapportdatum",
        "Kommungrupp",
        "Län",
    }
)


@cache
def _indexed(days: int) -> tuple[tuple[Term, ...], dict[str, Term]]:
    # Built once per setting: every key-figure card looks its label up, a scan of ~100 entries each time.
    entries = _terms(days)
    index: dict[str, Term] = {}
    for term in entries:
        for label in (term.name, *term.aliases):
            index.setdefault(label.casefold(), term)
    return entries, index


def terms() -> tuple[Term, ...]:
    """Every glossary entry, in the order the page lists them."""
    return _indexed(settings.status_report_max_days())[0]


def lookup(label: str) -> Term | None:
    """The entry for a label as a page shows it (its name or an alias, case-insensitive), or None."""
    return _indexed(settings.status_report_max_days())[1].get(label.strip().casefold())


def definition(name: str) -> str:
    """The definition of the entry called name (a KeyError names a missing entry)."""
    term = lookup(name)
    if term is None:
        raise KeyError(name)
    return term.definition
