-- Every submission of one committee ($municipality, $committee), newest first: whether it is in force now,
-- which later file replaced it, and when, by whom and why it was withdrawn.
select
    s.submission_id,
    s.period,
    s.file_name,
    s.sha256,
    s.loaded_at,
    s.row_count,
    s.warning_count,
    f.submission_id is not null as in_force,
    s.superseded_by,
    s.withdrawn_at,
    s.withdrawn_by,
    s.withdraw_reason
from submission s
left join in_force($cutoff) f on f.submission_id = s.submission_id
where s.municipality_code = $municipality and s.committee_code = $committee
  and s.submission_id <= coalesce($cutoff, s.submission_id)
order by s.submission_id desc
