-- Each committee's full-year forecast and annual budget month by month, January..month (sums over activities).
select
    committee_code,
    month,
    sum(annual_budget)::double as annual_budget,
    sum(forecast)::double as forecast
from current_economy_at($cutoff)
where municipality_code = $municipality and month between $year_start and $month
group by committee_code, month
order by committee_code, month
