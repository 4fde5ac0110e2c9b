-- municipality.inhabitants from Kolada's population KPI ($kpi, N01951 "Invånare totalt"): the latest year's
-- total (gender T) of each municipality that has one; municipalities without it keep their value.
update municipality
set inhabitants = round(population.value)::integer
from (
    select municipality_code, arg_max(value, period) as value
    from kolada
    where kpi = $kpi and gender = 'T' and value is not null
    group by municipality_code
) as population
where municipality.municipality_code = population.municipality_code;
