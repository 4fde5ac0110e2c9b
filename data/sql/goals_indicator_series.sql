-- One indicator's outcomes over time up to $month, oldest first, with the target and direction of each row.
select i.period, i.period_end, i.outcome, i.target, i.direction, i.unit, i.name, i.kolada_kpi
from current_indicator_at($cutoff) i
where i.municipality_code = $municipality and i.committee_code = $committee and i.indicator_id = $indicator
  and i.period_end <= last_day(cast($month || '-01' as date))
order by i.period_end
