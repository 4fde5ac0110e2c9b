-- The municipality and committee of one submission ($submission).
select municipality_code, committee_code from submission where submission_id = $submission
