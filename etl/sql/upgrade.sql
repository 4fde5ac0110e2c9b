-- Bring a warehouse published by an earlier version of the loader up to the current schema (idempotent).
alter table submission add column if not exists withdrawn_at timestamp;
alter table submission add column if not exists withdrawn_by varchar;
alter table submission add column if not exists withdraw_reason varchar;
create table if not exists data_version (
    version_id varchar primary key,
    published_at timestamp not null,
    max_submission_id integer not null,
    note varchar
);
