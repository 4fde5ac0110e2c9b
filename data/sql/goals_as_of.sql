-- Each committee goal of a municipality as assessed by the end of $month_end (its latest assessment with
-- period_end <= end of month: goal_as_of, etl/sql/as_of_period.sql), with the assessment before that one.
-- $committee NULL means every committee.
with assessed as (
    select
        g.*,
        lag(g.assessment) over (partition by g.committee_code, g.goal_id order by g.period_end) as previous_assessment,
        lag(g.period) over (partition by g.committee_code, g.goal_id order by g.period_end) as previous_period
    from goal_as_of($cutoff, $municipality, $month_end) g
    where $committee is null or g.committee_code = $committee
)

select
    a.committee_code, c.name as committee, a.council_goal_id, a.council_goal, a.goal_id, a.goal,
    a.perspective, a.assessment, a.comment, a.period, a.previous_assessment, a.previous_period
from assessed a
join committee c on c.municipality_code = $municipality and c.committee_code = a.committee_code
where a.is_latest
order by a.council_goal_id, c.name collate sv, a.goal_id
