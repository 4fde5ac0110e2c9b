-- The municipality's committees in Swedish order.
select committee_code, name
from committee
where municipality_code = $municipality
order by name collate sv
