-- Rapportläge: every committee of $municipality and every period with a deadline ending between $first and $last
-- (report_deadline, `etl calendar`): the deadline (a committee's own row overrides the municipality's), the report
-- in force for it (in_force: a withdrawn one does not count), when the first of its still valid submissions
-- (up to the in-force one) reached Styrkedjan, and whether one was withdrawn.
with committees as (
    select committee_code, name
    from committee
    where municipality_code = $municipality
),

deadlines as (
    select committee_code, period, period_end, deadline
    from report_deadline
    where municipality_code = $municipality
      and period_end between $first and $last
),

expected as (
    select c.committee_code, c.name, d.period, d.period_end, coalesce(own.deadline, d.deadline) as deadline
    from committees c
    cross join deadlines d
    left join deadlines own on own.committee_code = c.committee_code and own.period = d.period
    where d.committee_code is null
    union all
    select c.committee_code, c.name, own.period, own.period_end, own.deadline
    from deadlines own
    join committees c using (committee_code)
    where not exists (select 1 from deadlines d where d.committee_code is null and d.period = own.period)
),

reports as (
    select f.committee_code, f.period, f.report_date,
        (
            select min(s.loaded_at)
            from submission s
            where s.municipality_code = f.municipality_code
              and s.committee_code = f.committee_code
              and s.period = f.period
              and s.submission_id <= f.submission_id
              and s.withdrawn_at is null
        ) as submitted_at
    from in_force($cutoff) f
    where f.municipality_code = $municipality
),

withdrawn as (
    select distinct committee_code, period
    from submission
    where municipality_code = $municipality
      and withdrawn_at is not null
      and submission_id <= coalesce($cutoff, submission_id)
)

select
    e.committee_code, e.name, e.period, e.period_end, e.deadline, r.submitted_at, r.report_date,
    w.period is not null as withdrawn
from expected e
left join reports r using (committee_code, period)
left join withdrawn w using (committee_code, period)
order by e.period_end, e.period, e.name collate sv, e.committee_code
