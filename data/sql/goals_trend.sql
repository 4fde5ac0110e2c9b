-- Goal attainment over time: for each assessment period ending by $month_end, how many goals had each
-- assessment (each goal's latest assessment as of that period's end: goal_as_of, etl/sql/as_of_period.sql).
-- $committee NULL means every committee.
with periods as (
    select distinct period_end
    from goal_as_of($cutoff, $municipality, $month_end)
    where $committee is null or committee_code = $committee
),

as_of as (
    select p.period_end as as_of_end, g.assessment
    from periods p,
        lateral (select * from goal_as_of($cutoff, $municipality, p.period_end) where is_latest) g
    where $committee is null or g.committee_code = $committee
)

select strftime(as_of_end, '%Y-%m') as month, assessment, count(*) as goals
from as_of
group by as_of_end, assessment
order by as_of_end, assessment
