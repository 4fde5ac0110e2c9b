-- The committee list of every municipality that has submitted anything, for the missing-months check.
select municipality_code, committee_code, name
from committee
where municipality_code in (select municipality_code from submission)
order by municipality_code, name collate sv
