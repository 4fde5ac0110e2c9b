-- The submission in force for each municipality, committee and period of the given municipalities ($municipalities):
-- a new file for one of them supersedes it.
select submission_id, municipality_code, committee_code, period
from in_force(null)
where municipality_code in (select unnest($municipalities::varchar[]))
