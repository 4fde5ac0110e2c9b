-- One current row per natural key over the submissions in force at a cutoff (etl/sql/in_force.sql): among them
-- the row from the latest period (then the latest load) wins. current_{table} stores it for everything loaded;
-- read queries select from current_{table}_at($cutoff), which is that table for the latest data (cutoff NULL)
-- and the same rule over in_force(cutoff) for an as-of view. {table}, {key} and {order} come from a whitelist.
create or replace macro current_{table}_rows(cutoff) as table
select * exclude (rn, period_end_, loaded_at)
from (
    select f.*, s.period_end as period_end_, s.loaded_at, row_number() over (
        partition by {key}
        order by s.period_end desc, s.loaded_at desc, s.submission_id desc
    ) as rn
    from {table} f
    join (select submission_id, period_end, loaded_at from in_force(cutoff)) s using (submission_id)
) f
where rn = 1;

create or replace table current_{table} as
select * from current_{table}_rows(null)
order by {order};

create or replace macro current_{table}_at(cutoff) as table
select * from current_{table} where cutoff is null
union all by name
select * from current_{table}_rows(cutoff) where cutoff is not null;
