-- Indicators shared across the network: the same Kolada KPI id, or (without one) the same name, reported by at
-- least two municipalities. The key is 'kpi:N15419' or 'namn:<lower-case name>'; codes lists who reports it.
with keyed as (
    select
        case
            when coalesce(trim(kolada_kpi), '') <> '' then 'kpi:' || upper(trim(kolada_kpi))
            else 'namn:' || lower(trim(name))
        end as indicator_key,
        municipality_code, name, unit, direction, upper(trim(kolada_kpi)) as kolada_kpi, period, outcome
    from current_indicator_at($cutoff)
)

select
    indicator_key,
    mode(name) as name,
    min(unit) as unit,
    min(direction) as direction,
    max(kolada_kpi) as kolada_kpi,
    count(distinct municipality_code) as municipalities,
    list(distinct period order by period desc) filter (outcome is not null) as periods,
    list(distinct municipality_code) as codes
from keyed
group by indicator_key
having count(distinct municipality_code) >= 2
order by name collate sv, indicator_key
