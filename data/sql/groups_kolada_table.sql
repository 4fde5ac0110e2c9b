-- 1 when the warehouse has the kolada_group table (warehouses built before it existed have none).
select count(*) from duckdb_tables() where table_name = 'kolada_group'
