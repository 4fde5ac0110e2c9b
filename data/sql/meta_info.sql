-- Facts about the published warehouse for the banner and the footer: meta values and submission counts.
-- Submissions in force (etl/sql/in_force.sql) at the pinned cutoff, every submission ever made, and the withdrawn ones.
select
    (select value from meta where key = 'demo') as demo,
    (select value from meta where key = 'published_at') as published_at,
    (select max(loaded_at) from submission) as last_loaded_at,
    (select count(*) from in_force($cutoff)) as submissions,
    (select count(*) from submission) as submitted,
    (select count(*) from submission where withdrawn_at is not null) as withdrawn
