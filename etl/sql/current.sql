-- One current row per natural key over the submissions in force at a cutoff (etl/sql/current_rows.sql).
-- current_{table} stores it for everything loaded; read queries select from current_{table}_at($cutoff), which is
-- that table for the latest data (cutoff NULL) and the same rule over in_force(cutoff) for an as-of view.
-- {table}, {order} and the rule applied to {table} (etl/warehouse.py) come from a whitelist.
create or replace macro current_{table}_rows(cutoff) as table
{rows};

create or replace table current_{table} as
select * from current_{table}_rows(null)
order by {order};

create or replace macro current_{table}_at(cutoff) as table
select * from current_{table} where cutoff is null
union all by name
select * from current_{table}_rows(cutoff) where cutoff is not null;
