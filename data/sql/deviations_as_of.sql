-- Deviation reports as of a month: each deviation's row shown as of the end of the month (deviation_as_of,
-- etl/sql/as_of.sql), with the day it was first seen, so "new since last month" can be told.
with ranked as (
    select * from deviation_as_of($cutoff, $municipality, $month_end) where is_latest
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
where ($committee is null or r.committee_code = $committee)
    and ($type is null or r.type = $type)
    and ($severity is null or r.severity = $severity)
    and ($status is null or r.status = $status or ($status = 'not_closed' and r.status <> 'closed'))
order by r.reported_date desc, r.committee_code, r.deviation_id
