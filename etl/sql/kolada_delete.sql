-- Kolada figures the incoming file holds again (same KPI, municipality, period and gender) are replaced.
delete from kolada
using incoming i
where kolada.kpi = i.kpi
    and kolada.municipality_code = i.municipality_code
    and kolada.period = i.period
    and kolada.gender = i.gender
