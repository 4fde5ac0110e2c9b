-- The indicators of a municipality's goals as of $month_end: the latest row per indicator with its goal.
-- $committee NULL means every committee.
select
    i.committee_code, i.indicator_id, i.goal_id, i.name, i.unit, i.direction, i.target, i.kolada_kpi,
    i.period, i.outcome
from current_indicator_at($cutoff) i
where i.municipality_code = $municipality
  and ($committee is null or i.committee_code = $committee)
  and i.period_end <= $month_end
qualify row_number() over (partition by i.committee_code, i.indicator_id order by i.period_end desc) = 1
order by i.goal_id, i.indicator_id
