-- One project's story: its row in every submission in force whose period ends on or before $as_of,
-- in the order the reports were made. is_current marks the row the portfolio shows as of $as_of.
-- Columns in the order of data.projects.Project's fields, then is_current.
select
    p.project_id, p.name, p.owner, coalesce(c.name, p.owner) as owner_name,
    p.sponsor_role, p.manager_role, p.phase, p.decision_point, p.decision_date,
    p.light_time, p.light_cost, p.light_delivery,
    cast(p.budget as double) as budget, cast(p.cost_to_date as double) as cost_to_date,
    p.start_date, p.planned_end, p.forecast_end,
    cast(p.external_funding as double) as external_funding, p.funder,
    p.last_status_report, p.final_report, p.report_date, s.period, p.committee_code,
    row_number() over (order by s.period_end desc, s.loaded_at desc, s.submission_id desc) = 1 as is_current
from project p
join in_force($cutoff) s using (submission_id)
left join committee c on c.municipality_code = p.municipality_code and c.committee_code = p.owner
where p.municipality_code = $municipality and s.municipality_code = $municipality
  and p.project_id = $project_id
  and s.period_end <= $as_of
order by p.report_date, s.period_end, s.loaded_at, s.submission_id
