-- Every published data version, newest first: its cutoff, its note, how many submissions were in force at
-- that cutoff (withdrawn ones never count), and whether it is the version published now.
select
    v.version_id,
    v.published_at,
    v.max_submission_id as cutoff,
    v.note,
    (
        select count(*)
        from submission s
        where s.submission_id <= v.max_submission_id
          and s.withdrawn_at is null
          and not exists (
              select 1
              from submission later
              where later.municipality_code = s.municipality_code
                and later.committee_code = s.committee_code
                and later.period = s.period
                and later.submission_id > s.submission_id
                and later.submission_id <= v.max_submission_id
                and later.withdrawn_at is null
          )
    ) as in_force,
    v.version_id = (select value from meta where key = 'data_version') as is_current
from data_version v
order by v.published_at desc, v.max_submission_id desc
