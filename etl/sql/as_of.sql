-- The "as of a month" rule for snapshot facts (deviations, assignments, projects), defined once: every row of
-- one municipality's {table} from the submissions in force at `cutoff` whose period ends by `until`, with the
-- period end of its submission (snapshot_end), the first period end that held its key (first_seen) and
-- is_latest marking the row shown as of `until`: per natural key the latest period, then the latest load
-- (the tie-breaks of etl/sql/current.sql). Queries wanting only the shown rows filter `where is_latest`.
create or replace macro {table}_as_of(cutoff, municipality, until) as table
select
    f.*,
    s.period_end as snapshot_end,
    min(s.period_end) over (partition by {key}) as first_seen,
    row_number() over (
        partition by {key}
        order by s.period_end desc, s.loaded_at desc, s.submission_id desc
    ) = 1 as is_latest
from {table} f
join (
    select submission_id, period_end, loaded_at
    from in_force(cutoff)
    where municipality_code = municipality and period_end <= until
) s using (submission_id)
where f.municipality_code = municipality;
