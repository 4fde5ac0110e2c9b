-- Kolada's national reference for one KPI (gender T): per year the median over Sweden's municipalities that
-- have a value, how many they are, and Kolada's own figure for the whole country (code 0000, Riket).
select
    k.period,
    median(k.value) filter (m.municipality_code is not null) as national_median,
    count(k.value) filter (m.municipality_code is not null) as municipalities,
    max(k.value) filter (k.municipality_code = '0000') as riket
from kolada k
left join municipality m using (municipality_code)
where k.kpi = $kpi and k.gender = 'T'
group by k.period
order by k.period
