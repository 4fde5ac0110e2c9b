-- Months (YYYY-MM) in which some committee of the municipality reported, newest first.
select distinct strftime(period_end, '%Y-%m') as month
from submission
where municipality_code = $municipality and superseded_by is null
order by month desc
