-- Budget and outcome month by month, January..month, for the municipality or one committee ($committee null = all).
-- Like economy_rows, only committees with rows for the chosen month count, so the curve ends at the table's total.
with in_month as (
    select distinct committee_code
    from current_economy_at($cutoff)
    where municipality_code = $municipality and month = $month
)
select
    month,
    sum(budget)::double as budget,
    sum(outcome)::double as outcome,
    sum(annual_budget)::double as annual_budget,
    sum(forecast)::double as forecast
from current_economy_at($cutoff)
semi join in_month using (committee_code)
where municipality_code = $municipality
    and month between $year_start and $month
    and ($committee is null or committee_code = $committee)
group by month
order by month
