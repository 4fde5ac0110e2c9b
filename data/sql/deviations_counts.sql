-- Counts over time for the months $first_month..$month_end ($month_ends: each month's last day, from Python):
-- kind 'status': deviations by status at the end of each month (each month its own as-of snapshot);
-- kind 'type': deviations reported in each month by type, as known at the end of $month_end.
with months as (
    select strftime(m, '%Y-%m') as month, m as month_end
    from unnest($month_ends::date[]) as t(m)
),
-- each month its own as-of snapshot (deviation_as_of, etl/sql/as_of.sql)
snapshots as (
    select m.month, d.status, d.type
    from months m,
        lateral (select * from deviation_as_of($cutoff, $municipality, m.month_end) where is_latest) d
    where ($committee is null or d.committee_code = $committee)
        and ($severity is null or d.severity = $severity)
),
latest as (
    select *
    from deviation_as_of($cutoff, $municipality, $month_end)
    where is_latest
        and ($committee is null or committee_code = $committee)
        and ($severity is null or severity = $severity)
)
select 'status' as kind, month, status as code, count(*) as deviations
from snapshots
where $type is null or type = $type
group by month, status
union all
select 'type', strftime(reported_date, '%Y-%m'), type, count(*)
from latest
where reported_date between $first_month::date and $month_end and ($status is null or status = $status or ($status = 'not_closed' and status <> 'closed'))
group by all
order by kind, month, code
