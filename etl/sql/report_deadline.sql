-- The reporting calendar (`python -m etl calendar FILE`): the last day a committee's report for a period may be
-- handed in. committee_code NULL: every committee of the municipality; a row with a committee overrides it.
-- Created with the warehouse; `if not exists` lets a staging copy add it to a warehouse built before the table.
create table if not exists report_deadline (
    municipality_code varchar not null,
    committee_code varchar,
    period varchar not null,
    period_end date not null,
    deadline date not null,
    source_file varchar not null,
    imported_at timestamp not null
);
