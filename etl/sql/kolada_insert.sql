-- The incoming Kolada figures with their source file and import time, sorted for the zone maps.
insert into kolada
select kpi, municipality_code, period, gender, value, ?, ?
from incoming
order by kpi, municipality_code, period, gender
