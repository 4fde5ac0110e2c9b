-- One shared indicator ($key as in comparison_indicators) for every municipality, per period (all periods when
-- $period is null), with its own target, inhabitants, and employees averaged over the months of the period
-- (null unless every month of the period has an employee count; only computed when $with_employees, as it reads
-- every employee row of the chosen municipalities). One row per municipality and period: when several of a
-- municipality's committees report it, the lowest committee code and indicator id wins.
with chosen as (
    select *
    from current_indicator_at($cutoff)
    where case
            when coalesce(trim(kolada_kpi), '') <> '' then 'kpi:' || upper(trim(kolada_kpi))
            else 'namn:' || lower(trim(name))
        end = $key
        and ($period is null or period = $period)
        and ($municipalities is null or list_contains($municipalities::varchar[], municipality_code))
    qualify row_number() over (partition by municipality_code, period order by committee_code, indicator_id) = 1
),

spans as (
    select
        municipality_code, period,
        case
            when regexp_matches(period, '^[0-9]{4}-[0-9]{2}$') then period
            else left(period, 4) || '-01'
        end as first_month,
        strftime(period_end, '%Y-%m') as last_month
    from chosen
    where $with_employees
),

monthly_employees as (
    select municipality_code, month, sum(employees) as employees
    from current_employee_at($cutoff)
    where $with_employees and municipality_code in (select municipality_code from chosen)
    group by all
),

denominators as (
    select
        s.municipality_code, s.period,
        case
            when count(e.month) = date_diff('month', strptime(s.first_month, '%Y-%m'), strptime(s.last_month, '%Y-%m')) + 1
            then avg(e.employees)
        end as employees
    from spans s
    left join monthly_employees e
        on e.municipality_code = s.municipality_code and e.month between s.first_month and s.last_month
    group by s.municipality_code, s.period, s.first_month, s.last_month
)

select
    c.municipality_code, m.name as municipality, c.committee_code, c.indicator_id, c.name, c.unit, c.direction,
    c.target, upper(trim(c.kolada_kpi)) as kolada_kpi, c.period, c.outcome, m.inhabitants, d.employees
from chosen c
join municipality m using (municipality_code)
left join denominators d using (municipality_code, period)
order by c.period, m.name collate sv
