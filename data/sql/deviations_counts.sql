-- Counts over time for the months $first_month..$month_end, in one scan of the municipality's deviations:
-- kind 'status': deviations by status at the end of each month (each month its own as-of snapshot);
-- kind 'type': deviations reported in each month by type, as known at the end of $month_end.
with months as (
    select strftime(m, '%Y-%m') as month, last_day(m) as month_end
    from unnest(generate_series($first_month::date, $month_end::date, interval 1 month)) as t(m)
),
known as (
    select s.period_end, s.loaded_at, s.submission_id, d.committee_code, d.deviation_id, d.reported_date,
        d.type, d.severity, d.status
    from deviation d
    join in_force($cutoff) s using (submission_id)
    where d.municipality_code = $municipality and s.municipality_code = $municipality
        and s.period_end <= $month_end
        and ($committee is null or d.committee_code = $committee)
        and ($severity is null or d.severity = $severity)
),
snapshots as (
    select m.month, k.status, k.type
    from months m
    join known k on k.period_end <= m.month_end
    qualify row_number() over (
        partition by m.month, k.committee_code, k.deviation_id
        order by k.period_end desc, k.loaded_at desc, k.submission_id desc
    ) = 1
),
latest as (
    select *
    from known
    qualify row_number() over (
        partition by committee_code, deviation_id
        order by period_end desc, loaded_at desc, submission_id desc
    ) = 1
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
