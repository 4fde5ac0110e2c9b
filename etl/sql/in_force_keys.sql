-- The submission in force for each municipality, committee and period: a new file for one of them supersedes it.
select submission_id, municipality_code, committee_code, period
from in_force(null)
