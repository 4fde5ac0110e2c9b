-- Economy for one municipality and month at three levels (grouping sets): the municipality total,
-- each committee, each activity. Budget and outcome are summed January..month (year to date); the
-- annual budget and the full-year forecast come from the chosen month's rows. Only committees with rows
-- for the chosen month count, so every figure is "as of this month" and the levels add up.
with in_month as (
    select distinct committee_code
    from current_economy_at($cutoff)
    where municipality_code = $municipality and month = $month
),
year_to_date as (
    select e.*
    from current_economy_at($cutoff) e
    semi join in_month using (committee_code)
    where e.municipality_code = $municipality and e.month between $year_start and $month
)
select
    grouping(committee_code, activity) as level_bits,
    committee_code,
    activity,
    sum(annual_budget) filter (where month = $month)::double as annual_budget,
    sum(budget)::double as budget_ytd,
    sum(outcome)::double as outcome_ytd,
    sum(forecast) filter (where month = $month)::double as forecast
from year_to_date
group by grouping sets ((committee_code, activity), (committee_code), ())
order by committee_code nulls first, level_bits desc, activity nulls first
