-- Budget and outcome month by month, January..month, for the municipality or one committee ($namnd null = all).
-- Like economy_rows, only committees with rows for the chosen month count, so the curve ends at the table's total.
with in_month as (
    select distinct committee_code
    from current_economy
    where municipality_code = $kommun and month = $month
)
select
    month,
    sum(budget)::double as budget,
    sum(outcome)::double as outcome,
    sum(annual_budget)::double as annual_budget,
    sum(forecast)::double as forecast
from current_economy
semi join in_month using (committee_code)
where municipality_code = $kommun
    and month between $year_start and $month
    and ($namnd is null or committee_code = $namnd)
group by month
order by month
