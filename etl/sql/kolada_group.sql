-- Kolada's municipality groups (SKR's kommungruppsindelning, RKA's "liknande kommuner" ...), one row per member,
-- as imported by `python -m etl kolada` from a downloaded municipality_groups file. Created with the warehouse;
-- `if not exists` lets an import add it to a warehouse built before the table existed.
create table if not exists kolada_group (
    group_id varchar not null,
    title varchar not null,
    municipality_code varchar not null,
    source_file varchar not null,
    imported_at timestamp not null
);
