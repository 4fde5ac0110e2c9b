-- Suggestions and employees for the months $first..$last per municipality, or per department of one
-- municipality when $by_department. Cells are department x month. The departments expected are those with any
-- figure from January of the period's year to $last, so a department that lacks a month of the period is shown
-- as missing that month instead of left out. A month is complete for a municipality when every expected
-- department has both figures that month (for a department: when it has both).
-- Participants are the municipalities that have ever reported suggestions; one with nothing in the period still
-- gets a row (department null, no months). $municipality null means every participant.
with participants as (
    select distinct municipality_code
    from current_suggestion_at($cutoff)
    where $municipality is null or municipality_code = $municipality
),

departments as (
    select distinct municipality_code, committee_code, department
    from (
        select municipality_code, committee_code, department, month from current_suggestion
        union all
        select municipality_code, committee_code, department, month from current_employee
    )
    where month between left($last, 4) || '-01' and $last
        and ($municipality is null or municipality_code = $municipality)
),

cells as (
    select
        municipality_code, committee_code, department, month,
        s.submitted, s.implemented, e.employees, e.definition,
        s.submitted is not null and e.employees is not null as present
    from (
        select municipality_code, committee_code, department, month, submitted, implemented
        from current_suggestion_at($cutoff)
        where month between $first and $last and ($municipality is null or municipality_code = $municipality)
    ) s
    full join (
        select municipality_code, committee_code, department, month, employees, definition
        from current_employee_at($cutoff)
        where month between $first and $last and ($municipality is null or municipality_code = $municipality)
    ) e using (municipality_code, committee_code, department, month)
),

expected as (
    select municipality_code, count(*) as departments
    from departments
    group by municipality_code
),

units as (
    select municipality_code, committee_code, department from departments where $by_department
    union all
    select municipality_code, null, null from participants where not $by_department
),

months as (
    select
        municipality_code,
        case when $by_department then committee_code end as committee_code,
        case when $by_department then department end as department,
        month,
        sum(submitted) filter (present) as submitted,
        sum(implemented) filter (present) as implemented,
        sum(employees) filter (present) as employees,
        count(*) filter (present) as present_cells,
        list(distinct definition) filter (definition is not null) as definitions
    from cells
    group by all
)

select
    u.municipality_code,
    mu.name as municipality,
    u.committee_code,
    u.department,
    coalesce(sum(m.submitted), 0)::bigint as submitted,
    coalesce(sum(m.implemented), 0)::bigint as implemented,
    coalesce(sum(m.employees), 0)::bigint as employee_months,
    coalesce(list(m.month) filter (m.present_cells > 0), []) as present_months,
    coalesce(
        list(m.month) filter (m.present_cells = case when $by_department then 1 else x.departments end), []
    ) as complete_months,
    coalesce(any_value(x.departments), 0) as departments,
    coalesce(list_distinct(flatten(list(m.definitions))), []) as definitions
from units u
join participants p using (municipality_code)
join municipality mu using (municipality_code)
left join months m
    on m.municipality_code = u.municipality_code
    and m.committee_code is not distinct from u.committee_code
    and m.department is not distinct from u.department
left join expected x on x.municipality_code = u.municipality_code
group by u.municipality_code, mu.name, u.committee_code, u.department
order by municipality collate sv, u.municipality_code, u.department collate sv, u.committee_code
