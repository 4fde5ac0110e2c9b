-- The Kolada files behind a KPI's figures: per imported file, when it was imported, the years it holds and how
-- many values, newest import first.
select
    kpi,
    source_file as file_name,
    imported_at,
    min(period) as first_year,
    max(period) as last_year,
    count(value) as "values"
from kolada
where kpi = $kpi
group by kpi, source_file, imported_at
order by imported_at desc, source_file
