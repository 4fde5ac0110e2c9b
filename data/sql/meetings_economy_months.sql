-- Budget and outcome per committee and month, January..$month, summed over activities (as data/sql/economy_monthly
-- does for one committee), so the meeting mode reads every committee's curve in one query.
select
    committee_code,
    month,
    sum(budget)::double as budget,
    sum(outcome)::double as outcome,
    sum(annual_budget)::double as annual_budget,
    sum(forecast)::double as forecast
from current_economy_at($cutoff)
where municipality_code = $municipality
  and month between $year_start and $month
group by committee_code, month
order by committee_code, month
