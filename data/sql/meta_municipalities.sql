-- Municipalities that have at least one current submission, in Swedish order.
with reporting as (
    select distinct municipality_code from submission where superseded_by is null
)
select m.municipality_code, m.name
from municipality m
semi join reporting using (municipality_code)
order by m.name collate sv
