-- The warehouse. Every fact row knows its submission; current_* tables are rebuilt at each publish.
create table meta (key varchar primary key, value varchar not null);

create table municipality (
    municipality_code varchar primary key,   -- 4 digits, leading zero kept
    name varchar not null,
    inhabitants integer                      -- optional denominator for per-inhabitant comparisons
);

create table committee (
    municipality_code varchar not null,
    committee_code varchar not null,         -- short ASCII code, e.g. BUN
    name varchar not null,                   -- official Swedish name
    aliases varchar[] not null,              -- other spellings seen in exports
    primary key (municipality_code, committee_code)
);

create table submission (
    submission_id integer primary key,
    municipality_code varchar not null,
    committee_code varchar not null,
    period varchar not null,                 -- 2025-03, 2025-T1 or 2025
    period_start date not null,
    period_end date not null,
    file_name varchar not null,
    sha256 varchar not null,
    loaded_at timestamp not null,
    report_date date,
    contact_role varchar,
    row_count integer not null,
    warning_count integer not null,
    superseded_by integer,                   -- the later submission for the same municipality, committee, period
    withdrawn_at timestamp,                  -- `etl withdraw`: no longer in force, its fact rows deleted
    withdrawn_by varchar,
    withdraw_reason varchar
);

-- One row per publish (contract point 3): the id is a hash of what is in force; cutoff = max_submission_id.
create table data_version (
    version_id varchar primary key,
    published_at timestamp not null,
    max_submission_id integer not null,
    note varchar
);

create table goal (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    period varchar not null, period_end date not null,
    goal_id varchar not null, council_goal_id varchar not null, council_goal varchar not null,
    goal varchar not null, perspective varchar not null, assessment varchar not null, comment varchar
);

create table indicator (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    indicator_id varchar not null, goal_id varchar not null, name varchar not null, unit varchar not null,
    direction varchar not null, target double, kolada_kpi varchar,
    period varchar not null, period_end date not null, outcome double
);

create table economy (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    month varchar not null, activity varchar,  -- null activity: the whole committee in one row
    annual_budget decimal(18, 1) not null, budget decimal(18, 1) not null,
    outcome decimal(18, 1) not null, forecast decimal(18, 1) not null
);

create table deviation (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    deviation_id varchar not null, reported_date date not null, type varchar not null, severity varchar not null,
    description varchar not null, cause varchar, action varchar, responsible_role varchar,
    status varchar not null, closed_date date
);

create table assignment (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    case_number varchar not null, paragraph varchar, decided_by varchar not null, decision_date date not null,
    title varchar not null, recipient varchar not null, due_date date not null, status varchar not null,
    reported_back_date date, comment varchar
);

create table project (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    report_date date not null,               -- the submission's report date: a project's history is ordered by it
    project_id varchar not null, name varchar not null, owner varchar not null,
    sponsor_role varchar, manager_role varchar, phase varchar not null,
    decision_point varchar, decision_date date,
    light_time varchar not null, light_cost varchar not null, light_delivery varchar not null,
    budget decimal(18, 1) not null, cost_to_date decimal(18, 1) not null,
    start_date date not null, planned_end date not null, forecast_end date not null,
    external_funding decimal(18, 1), funder varchar, last_status_report date, final_report varchar
);

create table suggestion (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    department varchar not null, month varchar not null,
    submitted integer not null, implemented integer not null, rejected integer
);

create table employee (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    department varchar not null, month varchar not null, employees integer not null, definition varchar
);

create table network_target (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    year integer not null, target_submitted double, target_implemented double not null
);

create table meeting (
    submission_id integer not null, municipality_code varchar not null, committee_code varchar not null,
    body varchar not null, meeting_date date not null
);

create table kolada (
    kpi varchar not null, municipality_code varchar not null, period varchar not null,
    gender varchar not null, value double, source_file varchar not null, imported_at timestamp not null
);
