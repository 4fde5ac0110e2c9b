-- One row per committee of a municipality for one month ($month, YYYY-MM): has it reported, its goal attainment,
-- budget deviation and forecast, open deviations, overdue assignments, and the change since the
-- previous month ($previous). Snapshot facts are taken "as of" the month: the rows shown as of its end
-- ($month_end; <table>_as_of, etl/sql/as_of.sql). An assignment is overdue when open past its due date on
-- $as_of: the end of the month, or today when the month is not over (as on /uppdrag).
with bounds as (
    select
        $month_start::date as month_start,
        $month_end::date as month_end,
        $previous_end::date as previous_end,
        substr($month, 1, 4) || '-01' as year_start
),

reported as (
    select s.committee_code, max(s.report_date) as report_date
    from in_force($cutoff) s, bounds b
    where s.municipality_code = $municipality
      and s.period_end between b.month_start and b.month_end
    group by s.committee_code
),

goals_now as (
    select g.committee_code, g.goal_id, g.assessment
    from goal_as_of($cutoff, $municipality, $month_end) g
    where g.is_latest
),

goals_before as (
    select g.committee_code, g.goal_id, g.assessment
    from goal_as_of($cutoff, $municipality, $previous_end) g
    where g.is_latest
),

goals as (
    select
        n.committee_code,
        count(*) filter (where n.assessment = 'met') as goals_met,
        count(*) filter (where n.assessment = 'partly_met') as goals_partly_met,
        count(*) filter (where n.assessment = 'not_met') as goals_not_met,
        count(*) filter (where n.assessment = 'not_assessed') as goals_not_assessed,
        -- the ranking of data.goals.ASSESSMENT_ORDER (worst first); not_assessed has no place, so never counts
        count(*) filter (where list_position($assessment_order, n.assessment)
                             > list_position($assessment_order, p.assessment)) as goals_improved,
        count(*) filter (where list_position($assessment_order, n.assessment)
                             < list_position($assessment_order, p.assessment)) as goals_worsened
    from goals_now n
    left join goals_before p using (committee_code, goal_id)
    group by n.committee_code
),

economy as (
    select
        e.committee_code,
        sum(e.budget)::double as budget_ytd,
        sum(e.outcome)::double as outcome_ytd,
        (sum(e.annual_budget) filter (where e.month = $month))::double as annual_budget,
        (sum(e.forecast) filter (where e.month = $month))::double as forecast,
        (sum(e.forecast - e.annual_budget) filter (where e.month = $previous))::double as previous_forecast_deviation
    from current_economy_at($cutoff) e, bounds b
    where e.municipality_code = $municipality and e.month between b.year_start and $month
    group by e.committee_code
    having count(*) filter (where e.month = $month) > 0
),

-- As on /avvikelser (data/sql/deviations_as_of.sql): a deviation is new when no submission ending by the end of
-- the previous month knew it, so one reported late still counts as new once.
deviations as (
    select d.committee_code, d.deviation_id, d.status, d.first_seen
    from deviation_as_of($cutoff, $municipality, $month_end) d
    where d.is_latest
),

deviation_counts as (
    select
        d.committee_code,
        count(*) filter (where d.status <> 'closed') as open_deviations,
        count(*) filter (where d.first_seen > b.previous_end) as new_deviations
    from deviations d, bounds b
    group by d.committee_code
),

assignments as (
    select a.recipient, a.status, a.due_date
    from assignment_as_of($cutoff, $municipality, $month_end) a
    where a.is_latest and a.decision_date <= $month_end
),

assignment_counts as (
    select a.recipient as committee_code, count(*) as overdue_assignments
    from assignments a, bounds b
    where a.status not in ('done', 'cancelled') and a.due_date < $as_of
    group by a.recipient
)

select
    c.committee_code,
    c.name,
    r.committee_code is not null as reported,
    r.report_date,
    coalesce(g.goals_met, 0) as goals_met,
    coalesce(g.goals_partly_met, 0) as goals_partly_met,
    coalesce(g.goals_not_met, 0) as goals_not_met,
    coalesce(g.goals_not_assessed, 0) as goals_not_assessed,
    coalesce(g.goals_improved, 0) as goals_improved,
    coalesce(g.goals_worsened, 0) as goals_worsened,
    e.budget_ytd,
    e.outcome_ytd,
    e.annual_budget,
    e.forecast,
    e.previous_forecast_deviation,
    coalesce(d.open_deviations, 0) as open_deviations,
    coalesce(d.new_deviations, 0) as new_deviations,
    coalesce(a.overdue_assignments, 0) as overdue_assignments
from committee c
left join reported r using (committee_code)
left join goals g using (committee_code)
left join economy e using (committee_code)
left join deviation_counts d using (committee_code)
left join assignment_counts a using (committee_code)
where c.municipality_code = $municipality
order by c.name collate sv
