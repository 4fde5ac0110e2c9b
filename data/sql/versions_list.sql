-- Every published data version, newest first: its cutoff, its note, how many submissions were in force at
-- that cutoff (withdrawn ones never count), and whether it is the version published now.
select
    v.version_id,
    v.published_at,
    v.max_submission_id as cutoff,
    v.note,
    (select count(*) from in_force(v.max_submission_id)) as in_force,
    v.version_id = (select value from meta where key = 'data_version') as is_current
from data_version v
order by v.published_at desc, v.max_submission_id desc
