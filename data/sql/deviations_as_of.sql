-- Deviation reports as of a month: each deviation's row from its latest submission in force whose period
-- ends by the end of the month, with the day it was first seen, so "new since last month" can be told.
with known as (
    select s.period_end, s.loaded_at, s.submission_id, d.*
    from deviation d
    join in_force($cutoff) s using (submission_id)
    where d.municipality_code = $municipality and s.municipality_code = $municipality
        and s.period_end <= $month_end
),
ranked as (
    select *,
        row_number() over (
            partition by committee_code, deviation_id
            order by period_end desc, loaded_at desc, submission_id desc
        ) as rn,
        min(period_end) over (partition by committee_code, deviation_id) as first_seen
    from known
)
select
    r.committee_code,
    coalesce(c.name, r.committee_code) as committee,
    r.deviation_id,
    r.reported_date,
    r.type,
    r.severity,
    r.description,
    r.cause,
    r.action,
    r.responsible_role,
    r.status,
    r.closed_date,
    r.first_seen
from ranked r
left join committee c on c.municipality_code = $municipality and c.committee_code = r.committee_code
where r.rn = 1
    and ($committee is null or r.committee_code = $committee)
    and ($type is null or r.type = $type)
    and ($severity is null or r.severity = $severity)
    and ($status is null or r.status = $status or ($status = 'not_closed' and r.status <> 'closed'))
order by r.reported_date desc, r.committee_code, r.deviation_id
