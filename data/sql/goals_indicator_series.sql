-- One indicator's outcomes over time up to $month_end, oldest first, with the target and direction of each row.
select i.period, i.period_end, i.outcome, i.target, i.direction, i.unit, i.name, i.kolada_kpi
from current_indicator_at($cutoff) i
where i.municipality_code = $municipality and i.committee_code = $committee and i.indicator_id = $indicator
  and i.period_end <= $month_end
order by i.period_end
