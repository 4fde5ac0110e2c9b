-- Before the incremental upkeep of current_* (etl/sql/current_update.sql): the changed submissions (Arrow table
-- ids from etl/warehouse.py update_current) and the submissions in force in their municipalities. Every natural
-- key starts with municipality_code, so no other municipality's rows can change.
create or replace temp table changed_submission as
select submission_id
from ids;

create or replace temp table changed_in_force as
select *
from in_force(null)
where municipality_code in (
    select municipality_code from submission where submission_id in (select submission_id from changed_submission)
);
