-- The current-row rule, defined once: among {facts}' rows of the submissions in force ({in_force}: in_force(cutoff)
-- of etl/sql/in_force.sql, or its rows for a load's municipalities), per natural key {key} the row from the latest
-- period, then the latest load, wins.
-- etl/sql/current.sql applies it to a whole fact table, etl/sql/current_update.sql to the keys one load changed.
select * exclude (rn, period_end_, loaded_at)
from (
    select f.*, s.period_end as period_end_, s.loaded_at, row_number() over (
        partition by {key}
        order by s.period_end desc, s.loaded_at desc, s.submission_id desc
    ) as rn
    from {facts} f
    join (select submission_id, period_end, loaded_at from {in_force}) s using (submission_id)
) f
where rn = 1
