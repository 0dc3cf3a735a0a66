-- Model and prompt version become columns of drift results and daily points, as tenant_id and workflow are: a
-- model id such as 'meta-llama/Llama-3.3-70B' or 'my-org/ft-…' cannot be read back from the segment label, whose
-- parts are joined with '/'. Stored rows are filled from their labels (exact: a model segment is 'model=<id>', a
-- prompt version segment 'workflow=<workflow>/prompt_version=<version>').
ALTER TABLE drift_results ADD COLUMN model VARCHAR;
ALTER TABLE drift_results ADD COLUMN prompt_version VARCHAR;
ALTER TABLE drift_daily ADD COLUMN model VARCHAR;
ALTER TABLE drift_daily ADD COLUMN prompt_version VARCHAR;
UPDATE drift_results SET model = substr(segment, length('model=') + 1) WHERE segment_type = 'model';
UPDATE drift_results SET prompt_version = substr(segment, length('workflow=' || workflow || '/prompt_version=') + 1) WHERE segment_type = 'prompt_version';
UPDATE drift_daily SET model = substr(segment, length('model=') + 1) WHERE segment_type = 'model';
UPDATE drift_daily SET prompt_version = substr(segment, length('workflow=' || workflow || '/prompt_version=') + 1) WHERE segment_type = 'prompt_version';
