-- Facts about the published warehouse for the banner and the footer: meta values and submission counts.
-- In force: not withdrawn and no later non-withdrawn submission for the same municipality, committee and period.
select
    (select value from meta where key = 'demo') as demo,
    (select value from meta where key = 'published_at') as published_at,
    (select max(loaded_at) from submission) as last_loaded_at,
    (
        select count(*)
        from submission s
        where s.withdrawn_at is null
          and not exists (
              select 1
              from submission later
              where later.municipality_code = s.municipality_code
                and later.committee_code = s.committee_code
                and later.period = s.period
                and later.submission_id > s.submission_id
                and later.withdrawn_at is null
          )
    ) as submissions,
    (select count(*) from submission) as submitted,
    (select count(*) from submission where withdrawn_at is not null) as withdrawn
