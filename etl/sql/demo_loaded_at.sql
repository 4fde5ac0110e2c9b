-- The demo's submissions reached Styrkedjan on their report date (at 09:00 and a few minutes), not when the demo
-- was built, so the reporting calendar shows who was on time.
update submission
set loaded_at = report_date + interval 9 hour + to_minutes(submission_id % 60)
