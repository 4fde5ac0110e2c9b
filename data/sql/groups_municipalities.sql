-- Every municipality of Sweden with its inhabitants (Kolada N01951 when imported), for comparison groups.
select municipality_code, name, inhabitants
from municipality
order by name collate sv
