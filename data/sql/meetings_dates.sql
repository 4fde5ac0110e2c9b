-- The meeting calendar of one body (KF or KS) in one municipality, from the 'Sammanträden' sheet.
select distinct meeting_date
from current_meeting_at($cutoff)
where municipality_code = $municipality
  and body = $body
order by meeting_date
