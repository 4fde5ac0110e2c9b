-- Each municipality's own target for suggestions per employee in year $year (sheet Nätverksmål).
select municipality_code, year, target_submitted, target_implemented
from current_network_target_at($cutoff)
where year = $year
order by municipality_code
