-- The indicators of a municipality's goals as of $month_end: the latest row per indicator with its goal
-- (indicator_as_of, etl/sql/as_of_period.sql).
-- $committee NULL means every committee.
select
    i.committee_code, i.indicator_id, i.goal_id, i.name, i.unit, i.direction, i.target, i.kolada_kpi,
    i.period, i.outcome
from indicator_as_of($cutoff, $municipality, $month_end) i
where i.is_latest and ($committee is null or i.committee_code = $committee)
order by i.goal_id, i.indicator_id
