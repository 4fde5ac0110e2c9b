-- Months that hold any suggestion figures in the network, latest first (the page's period choices).
select distinct month
from current_suggestion_at($cutoff)
order by month desc
