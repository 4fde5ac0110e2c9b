-- Goal attainment over time: for each assessment period ending by $month_end, how many goals had each
-- assessment (each goal's latest assessment as of that period's end). $committee NULL means every committee.
with goals as (
    select committee_code, goal_id, period_end, assessment
    from current_goal_at($cutoff)
    where municipality_code = $municipality
      and ($committee is null or committee_code = $committee)
      and period_end <= $month_end
),

periods as (
    select distinct period_end from goals
),

as_of as (
    select p.period_end as as_of_end, g.assessment
    from periods p
    join goals g on g.period_end <= p.period_end
    qualify row_number() over (partition by p.period_end, g.committee_code, g.goal_id order by g.period_end desc) = 1
)

select strftime(as_of_end, '%Y-%m') as month, assessment, count(*) as goals
from as_of
group by as_of_end, assessment
order by as_of_end, assessment
