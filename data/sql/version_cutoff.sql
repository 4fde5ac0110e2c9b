-- The cutoff of a data version: the largest submission id in force when it was published.
select max_submission_id
from data_version
where version_id = $version
