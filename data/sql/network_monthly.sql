-- Monthly suggestions and employees per municipality for the months $first..$last, with the network's median per
-- month of suggestions per 100 employees (over every municipality complete that month; with $group_codes over
-- those of the comparison group only). Rows are returned for the municipalities in $codes (null: all). A month
-- is complete when every department the municipality reported that year has both figures; a month with no
-- figures at all has no row.
with cells as (
    select
        municipality_code, committee_code, department, month,
        s.submitted, s.implemented, e.employees,
        s.submitted is not null and e.employees is not null as present
    from (
        select municipality_code, committee_code, department, month, submitted, implemented
        from current_suggestion_at($cutoff)
        where month between $first and $last
    ) s
    full join (
        select municipality_code, committee_code, department, month, employees
        from current_employee_at($cutoff)
        where month between $first and $last
    ) e using (municipality_code, committee_code, department, month)
),

departments as (
    select municipality_code, left(month, 4) as year, count(distinct (committee_code, department)) as n
    from cells
    group by all
),

months as (
    select
        c.municipality_code,
        c.month,
        coalesce(sum(c.submitted) filter (c.present), 0)::bigint as submitted,
        coalesce(sum(c.implemented) filter (c.present), 0)::bigint as implemented,
        coalesce(sum(c.employees) filter (c.present), 0)::bigint as employees,
        count(*) filter (c.present) = any_value(d.n) as complete,
        $group_codes is null or list_contains($group_codes::varchar[], c.municipality_code) as in_group
    from cells c
    join departments d on d.municipality_code = c.municipality_code and d.year = left(c.month, 4)
    group by c.municipality_code, c.month
),

medians as (
    select
        *,
        median(submitted * 100.0 / employees) filter (complete and employees > 0 and in_group)
            over (partition by month) as median_submitted_per_100,
        median(implemented * 100.0 / employees) filter (complete and employees > 0 and in_group)
            over (partition by month) as median_implemented_per_100
    from months
)

select
    m.municipality_code, mu.name as municipality, m.month, m.submitted, m.implemented, m.employees, m.complete,
    m.median_submitted_per_100, m.median_implemented_per_100
from medians m
join municipality mu using (municipality_code)
where $codes is null or list_contains($codes::varchar[], m.municipality_code)
order by municipality collate sv, m.municipality_code, m.month
