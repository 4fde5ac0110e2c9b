-- Municipalities that have at least one submission in force, in Swedish order.
with reporting as (
    select distinct municipality_code from in_force($cutoff)
)
select m.municipality_code, m.name
from municipality m
semi join reporting using (municipality_code)
order by m.name collate sv
