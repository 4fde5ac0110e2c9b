-- A calendar file replaces the deadlines of every municipality and year it names (a year's calendar is loaded
-- whole; other years stay).
delete from report_deadline
using (select distinct municipality_code, year(period_end) as year from incoming) i
where report_deadline.municipality_code = i.municipality_code
    and year(report_deadline.period_end) = i.year
