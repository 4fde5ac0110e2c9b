-- Incremental upkeep of current_{table} after a load (etl/warehouse.py update_current): the natural keys {key}
-- with a row in a changed submission (temp table changed_submission: the ones added and the ones they superseded)
-- lose their current row and get it again from the rule (etl/sql/current_rows.sql) over those keys' rows only
-- (changed_fact). Every other key's rows in force are unchanged, so its current row is too. The match compares
-- k's key with the table's, NULL matching NULL as partition by groups them.
create or replace temp table changed_key as
select distinct {key}
from {table}
where submission_id in (select submission_id from changed_submission);

create or replace temp table changed_fact as
select f.*
from {table} f
semi join changed_key k on {fact_match};

delete from current_{table}
using changed_key k
where {match};

insert into current_{table} by name
{rows};
