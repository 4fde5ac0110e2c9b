-- What a data version's id is a hash of: the submissions in force (id and content hash), the withdrawn
-- submissions, the Kolada imports and the reporting calendar imports. The same content always gives the same id.
select 's' || submission_id || ':' || sha256 as item
from in_force(null)
union all
select 'w' || submission_id as item
from submission
where withdrawn_at is not null
union all
select 'k' || source_file || ':' || strftime(imported_at, '%Y-%m-%d %H:%M:%S.%f') || ':' || count(*) as item
from kolada
group by source_file, imported_at
union all
select 'd' || source_file || ':' || strftime(imported_at, '%Y-%m-%d %H:%M:%S.%f') || ':' || count(*) as item
from report_deadline
group by source_file, imported_at
order by item
