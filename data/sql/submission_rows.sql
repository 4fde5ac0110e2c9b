-- Fact rows per warehouse table of one submission ($submission): what a correction replaces.
select 'goal' as fact_table, count(*) as row_count from goal where submission_id = $submission
union all select 'indicator', count(*) from indicator where submission_id = $submission
union all select 'economy', count(*) from economy where submission_id = $submission
union all select 'deviation', count(*) from deviation where submission_id = $submission
union all select 'assignment', count(*) from assignment where submission_id = $submission
union all select 'project', count(*) from project where submission_id = $submission
union all select 'suggestion', count(*) from suggestion where submission_id = $submission
union all select 'employee', count(*) from employee where submission_id = $submission
union all select 'network_target', count(*) from network_target where submission_id = $submission
union all select 'meeting', count(*) from meeting where submission_id = $submission
