-- The submissions in force: for each municipality, committee and period the latest submission loaded up to
-- `cutoff` (a submission_id; NULL means everything loaded) that is not withdrawn. submission_id grows in load
-- order, so a later submission for the same municipality, committee and period is a correction that supersedes
-- the earlier one; withdrawing it (`etl withdraw`) brings the earlier one back into force.
-- Every query that needs "the latest non-superseded submission" selects from in_force($cutoff); data/db.py binds
-- $cutoff (NULL unless a data version is pinned), etl/sql/current.sql uses in_force(null).
create or replace macro in_force(cutoff) as table
select s.*
from submission s
where s.submission_id <= coalesce(cutoff, s.submission_id)
    and s.withdrawn_at is null
qualify row_number() over (
    partition by s.municipality_code, s.committee_code, s.period
    order by s.submission_id desc
) = 1;
