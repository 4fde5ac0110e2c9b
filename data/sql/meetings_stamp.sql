-- What every page of the handout is stamped with: the municipality's name, when its data was last loaded and
-- whether the warehouse holds demo data.
select
    m.name,
    (
        select max(s.loaded_at)
        from in_force($cutoff) s
        where s.municipality_code = $municipality
    ) as loaded_at,
    coalesce((select value = 'true' from meta where key = 'demo'), false) as demo
from municipality m
where m.municipality_code = $municipality
