-- Each project of a municipality as of a month: its row from the latest submission in force whose
-- period ends on or before $as_of (same tie-breaks as current_*), optionally only one owner committee.
with reported as (
    select
        p.*,
        s.period,
        row_number() over (
            partition by p.project_id
            order by s.period_end desc, s.loaded_at desc, s.submission_id desc
        ) as rn
    from project p
    join in_force($cutoff) s using (submission_id)
    where p.municipality_code = $municipality and s.municipality_code = $municipality
      and s.period_end <= $as_of
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
where r.rn = 1 and ($committee is null or r.owner = $committee)
order by r.name collate sv, r.project_id
