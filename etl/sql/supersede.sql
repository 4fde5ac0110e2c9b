-- Each submission's superseded_by: the next later non-withdrawn submission for the same municipality,
-- committee and period (null when it is the latest). Run after a withdrawal brings an earlier one back.
update submission
set superseded_by = (
    select min(later.submission_id)
    from submission later
    where later.municipality_code = submission.municipality_code
      and later.committee_code = submission.committee_code
      and later.period = submission.period
      and later.submission_id > submission.submission_id
      and later.withdrawn_at is null
)
