-- The incoming deadlines with their source file and import time, sorted by the page's filter columns.
insert into report_deadline
select municipality_code, committee_code, period, period_end, deadline, ?, ?
from incoming
order by municipality_code, period_end, period, committee_code nulls first
