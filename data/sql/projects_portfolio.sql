-- Each project of a municipality as of a month: its row shown as of $as_of (project_as_of, etl/sql/as_of.sql),
-- optionally only one owner committee.
with reported as (
    select p.*, s.period
    from project_as_of($cutoff, $municipality, $as_of) p
    join submission s using (submission_id)
    where p.is_latest
)
-- Columns in the order of data.projects.Project's fields.
select
    r.project_id, r.name, r.owner, coalesce(c.name, r.owner) as owner_name,
    r.sponsor_role, r.manager_role, r.phase, r.decision_point, r.decision_date,
    r.light_time, r.light_cost, r.light_delivery,
    cast(r.budget as double) as budget, cast(r.cost_to_date as double) as cost_to_date,
    r.start_date, r.planned_end, r.forecast_end,
    cast(r.external_funding as double) as external_funding, r.funder,
    r.last_status_report, r.final_report, r.report_date, r.period, r.committee_code
from reported r
left join committee c on c.municipality_code = r.municipality_code and c.committee_code = r.owner
where ($committee is null or r.owner = $committee)
order by r.name collate sv, r.project_id
