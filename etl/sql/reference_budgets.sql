-- Each committee's annual budget per month as published (sum over activities), for the plausibility warnings.
select municipality_code, committee_code, month, sum(annual_budget)
from current_economy
group by all
