-- The data a monthly report is made from: the municipality's submissions in force with periods ending by the
-- month's end (their ids identify the data version), when they were loaded, and when the warehouse was published.
select
    m.name as municipality,
    (select value from meta where key = 'published_at') as published_at,
    (
        select max(s.loaded_at) from in_force($cutoff) s
        where s.municipality_code = $municipality and s.period_end <= $month_end
    ) as loaded_at,
    (
        select coalesce(list(s.submission_id order by s.submission_id), [])
        from in_force($cutoff) s
        where s.municipality_code = $municipality and s.period_end <= $month_end
    ) as submission_ids
from municipality m
where m.municipality_code = $municipality
