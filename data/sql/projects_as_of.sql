-- Projects of a municipality as of $as_of (project_as_of, etl/sql/as_of.sql). Without $project_id: the portfolio,
-- each project's row as shown as of $as_of, optionally only one owner committee. With $project_id: that project's
-- story, its row in every submission in force whose period ends on or before $as_of, in the order the reports
-- were made. Columns in the order of data.projects.Project's fields, then is_latest (the row the portfolio shows).
with reported as (
    select p.*, s.period, s.loaded_at
    from project_as_of($cutoff, $municipality, $as_of) p
    join submission s using (submission_id)
    where ($project_id is null and p.is_latest) or p.project_id = $project_id
)
select
    r.project_id, r.name, r.owner, coalesce(c.name, r.owner) as owner_name,
    r.sponsor_role, r.manager_role, r.phase, r.decision_point, r.decision_date,
    r.light_time, r.light_cost, r.light_delivery,
    cast(r.budget as double) as budget, cast(r.cost_to_date as double) as cost_to_date,
    r.start_date, r.planned_end, r.forecast_end,
    cast(r.external_funding as double) as external_funding, r.funder,
    r.last_status_report, r.final_report, r.report_date, r.period, r.committee_code,
    r.is_latest
from reported r
left join committee c on c.municipality_code = r.municipality_code and c.committee_code = r.owner
where $committee is null or r.owner = $committee
-- The portfolio by name; a story in report order (a project may be renamed along the way).
order by
    case when $project_id is null then r.name end collate sv, r.project_id,
    r.report_date, r.snapshot_end, r.loaded_at, r.submission_id
