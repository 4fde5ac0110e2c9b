-- Every assignment of one municipality as of a date ($as_of), with its derived state.
-- Snapshot rule: each assignment's row is the one shown as of the end of $as_of's month ($month_end;
-- assignment_as_of, etl/sql/as_of.sql). done_date is when it was first reported done (that report's period end),
-- or its report-back date if earlier. $committee NULL means every recipient. One pass over the snapshots: the
-- window gives the first report showing 'done', is_latest the row shown.
with snapshots as (
    select
        a.case_number, a.paragraph, a.decided_by, a.decision_date, a.title, a.recipient, a.due_date,
        a.status, a.reported_back_date, a.comment,
        min(case when a.status = 'done' then a.snapshot_end end) over (partition by a.case_number) as done_period_end,
        a.is_latest
    from assignment_as_of($cutoff, $municipality, $month_end) a
    where a.decision_date <= $as_of::date
),

with_state as (
    select
        l.*,
        case
            when l.status = 'cancelled' then 'cancelled'
            when l.status = 'done' and l.reported_back_date <= $as_of::date then 'reported_back'
            when l.status = 'done' then 'done_not_reported'
            when l.due_date < $as_of::date then 'overdue'
            else l.status
        end as state,
        case when l.status = 'done' then least(l.reported_back_date, l.done_period_end) end as done_date
    from snapshots l
    where l.is_latest
)

select
    w.case_number, w.paragraph, w.decided_by, w.decision_date, w.title, w.recipient,
    coalesce(c.name, w.recipient) as recipient_name,
    w.due_date, w.status, w.state, w.reported_back_date, w.done_date, w.comment
from with_state w
left join committee c on c.municipality_code = $municipality and c.committee_code = w.recipient
where $committee::varchar is null or w.recipient = $committee::varchar
order by w.due_date, w.case_number collate sv
