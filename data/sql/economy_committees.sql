-- Every committee of a municipality (reference list plus any that has submitted) with its name and whether
-- it has reported for the month: a submission in force whose period ends in that month.
with known as (
    select committee_code, name from committee where municipality_code = $municipality
    union
    select distinct s.committee_code, s.committee_code
    from in_force($cutoff) s
    anti join committee c on c.municipality_code = s.municipality_code and c.committee_code = s.committee_code
    where s.municipality_code = $municipality
),
reported as (
    select distinct committee_code
    from in_force($cutoff)
    where municipality_code = $municipality and strftime(period_end, '%Y-%m') = $month
)
select k.committee_code, k.name, r.committee_code is not null as reported
from known k
left join reported r using (committee_code)
order by k.name collate sv
