-- Every submission with its municipality's and committee's names, for `etl status`: grouped by municipality,
-- committee and period in Swedish order, whether it is the one in force (etl/sql/in_force.sql), and whether and
-- why it was withdrawn (`etl withdraw`).
select
    s.municipality_code, m.name, s.committee_code, c.name, s.period, s.period_start, s.period_end,
    s.submission_id, s.file_name, s.sha256, s.loaded_at, s.row_count, s.warning_count, s.superseded_by,
    s.submission_id in (select submission_id from in_force(null)) as in_force,
    s.withdrawn_at, s.withdrawn_by, s.withdraw_reason
from submission s
left join municipality m using (municipality_code)
left join committee c using (municipality_code, committee_code)
order by m.name collate sv, s.municipality_code, c.name collate sv, s.committee_code, s.period_end, s.period,
    s.submission_id
