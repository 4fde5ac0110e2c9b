-- Where a section's figures come from: the submissions in force for the municipality (every municipality when
-- $municipality is null) and optionally one committee, holding facts of kind $fact, with periods ending between
-- $period_start and $period_end; $latest keeps only each committee's latest such submission (snapshot facts);
-- $project (when not null) keeps only the submissions that report that project (a project's own page).
-- A project's history is asked for as fact 'project' with $latest false.
-- Each comes with the earlier file of the same committee and period that it corrects, if any.
with history as (
    select
        s.*,
        lag(s.file_name) over same_report as corrects_file,
        lag(s.loaded_at) over same_report as corrects_loaded_at
    from submission s
    window same_report as (partition by s.municipality_code, s.committee_code, s.period order by s.submission_id)
),
shown as (
    select h.*
    from history h
    where h.submission_id in (select submission_id from in_force($cutoff))
      and ($municipality is null or h.municipality_code = $municipality)
      and ($committee is null or h.committee_code = $committee)
      and h.period_end <= $period_end
      and ($period_start is null or h.period_end >= $period_start)
      and case $fact
          when 'economy' then h.submission_id in (select submission_id from economy)
          when 'goal' then h.submission_id in (select submission_id from goal)
          when 'indicator' then h.submission_id in (select submission_id from indicator)
          when 'deviation' then h.submission_id in (select submission_id from deviation)
          when 'assignment' then h.submission_id in (select submission_id from assignment)
          when 'project' then h.submission_id in (
              select submission_id from project where $project is null or project_id = $project
          )
          when 'suggestion' then h.submission_id in (select submission_id from suggestion)
          when 'meeting' then h.submission_id in (select submission_id from meeting)
          when 'any' then true
          else false
      end
    qualify not $latest or row_number() over (
        partition by h.municipality_code, h.committee_code order by h.period_end desc, h.submission_id desc
    ) = 1
)
select
    m.name as municipality,
    c.name as committee,
    s.period,
    s.file_name,
    s.sha256,
    s.loaded_at,
    s.corrects_file,
    s.corrects_loaded_at
from shown s
join municipality m on m.municipality_code = s.municipality_code
join committee c on c.municipality_code = s.municipality_code and c.committee_code = s.committee_code
order by m.name collate sv, c.name collate sv, s.period_end desc, s.submission_id desc
