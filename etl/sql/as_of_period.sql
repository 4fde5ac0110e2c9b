-- The "as of a month" rule for facts reported per period (goal assessments, indicator outcomes), defined once:
-- one municipality's current rows (current_{table}_at, etl/sql/current.sql) whose period ends by `until`, with
-- is_latest marking each {key}'s row from the latest such period: the row a page shows as of `until`.
-- Queries wanting only the shown rows filter `where is_latest`; the earlier rows give trends and changes.
create or replace macro {table}_as_of(cutoff, municipality, until) as table
select
    f.*,
    row_number() over (partition by {key} order by f.period_end desc) = 1 as is_latest
from current_{table}_at(cutoff) f
where f.municipality_code = municipality and f.period_end <= until;
