-- Kolada's municipality groups of $municipality, with their members, in Swedish title order: the groups it is a
-- member of, and RKA's "liknande kommuner" groups named after it ("Liknande kommuner ..., Piteå, 2024"), which
-- list the similar municipalities but not the municipality itself.
select group_id, any_value(title) as title, list(municipality_code order by municipality_code) as members
from kolada_group
group by group_id
having list_contains(list(municipality_code), $municipality)
    or contains(', ' || any_value(title) || ',', ', ' || $municipality_name || ',')
order by title collate sv, group_id
