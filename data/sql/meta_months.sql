-- Months (YYYY-MM) in which some committee of the municipality reported, newest first.
select distinct strftime(period_end, '%Y-%m') as month
from in_force($cutoff)
where municipality_code = $municipality
order by month desc
