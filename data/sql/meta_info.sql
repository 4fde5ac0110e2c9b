-- Facts about the published warehouse for the banner and the footer: meta values and submission counts.
select
    (select value from meta where key = 'demo') as demo,
    (select value from meta where key = 'published_at') as published_at,
    (select max(loaded_at) from submission) as last_loaded_at,
    (select count(*) from submission where superseded_by is null) as submissions
