-- Every assignment of one municipality as of a date ($as_of), with its derived state.
-- Snapshot rule: each assignment's row comes from the latest submission in force whose period ends by
-- the end of $as_of's month. done_date is when it was first reported done (that report's period end), or its
-- report-back date if earlier. $committee NULL means every recipient. One pass over the snapshots: the window
-- gives both the latest row and the first report showing 'done'.
with snapshots as (
    select
        a.case_number, a.paragraph, a.decided_by, a.decision_date, a.title, a.recipient, a.due_date,
        a.status, a.reported_back_date, a.comment,
        min(case when a.status = 'done' then s.period_end end) over (partition by a.case_number) as done_period_end,
        row_number() over (
            partition by a.case_number
            order by s.period_end desc, s.loaded_at desc, s.submission_id desc
        ) as rn
    from assignment a
    join in_force($cutoff) s on s.submission_id = a.submission_id
    where a.municipality_code = $municipality
      and s.municipality_code = $municipality
      and s.period_end <= last_day($as_of::date)
      and a.decision_date <= $as_of::date
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
    where l.rn = 1
)

select
    w.case_number, w.paragraph, w.decided_by, w.decision_date, w.title, w.recipient,
    coalesce(c.name, w.recipient) as recipient_name,
    w.due_date, w.status, w.state, w.reported_back_date, w.done_date, w.comment
from with_state w
left join committee c on c.municipality_code = $municipality and c.committee_code = w.recipient
where $committee::varchar is null or w.recipient = $committee::varchar
order by w.due_date, w.case_number collate sv
