-- One current row per natural key over the submissions in force (etl/sql/in_force.sql, everything loaded):
-- among them the row from the latest period (then the latest load) wins. {table}, {key} and {order} come from
-- a whitelist.
create or replace table current_{table} as
select * exclude (rn, period_end_, loaded_at)
from (
    select f.*, s.period_end as period_end_, s.loaded_at, row_number() over (
        partition by {key}
        order by s.period_end desc, s.loaded_at desc, s.submission_id desc
    ) as rn
    from {table} f
    join (select submission_id, period_end, loaded_at from in_force(null)) s using (submission_id)
) f
where rn = 1
order by {order};
