-- Career-guide warehouse schema (DuckDB). Public contract for analysts:
-- tables and columns may be added, never renamed. Every statement is
-- idempotent so opening a warehouse always brings it up to date.
-- Keys are documented here rather than declared: the loader keeps them, and
-- DuckDB's index-backed constraints make delete-and-reinsert in one
-- transaction needlessly expensive.

-- One row per ingest run. Counts add up to documents_seen.
CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id            VARCHAR NOT NULL,      -- key
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,      -- running | completed
    parser_version    VARCHAR NOT NULL,
    documents_seen    INTEGER NOT NULL,
    loaded            INTEGER NOT NULL,
    unchanged         INTEGER NOT NULL,
    duplicate         INTEGER NOT NULL,
    quarantined       INTEGER NOT NULL,
    elapsed_seconds   DOUBLE,
    flow_run_id       VARCHAR,               -- Prefect flow run, when run by a flow
    inputs            VARCHAR[]              -- the paths the run was given
);

-- Every input of every run, exactly once, with its outcome.
CREATE TABLE IF NOT EXISTS ingest_documents (
    run_id            VARCHAR NOT NULL,
    position          INTEGER NOT NULL,      -- order the run saw inputs in
    source_uri        VARCHAR NOT NULL,
    content_sha256    VARCHAR,               -- NULL only when the file could not be read
    size_bytes        BIGINT,
    outcome           VARCHAR NOT NULL,      -- loaded | unchanged | duplicate | quarantined
    career_id         VARCHAR,
    reason            VARCHAR,               -- why, in plain words, when not loaded
    record_sha256     VARCHAR,
    format            VARCHAR,               -- text | markdown | html
    encoding          VARCHAR,
    parser_version    VARCHAR NOT NULL
);

-- Raw bytes of every document ever ingested, content-addressed: the evidence
-- a re-run after a parser fix re-derives careers from.
CREATE TABLE IF NOT EXISTS raw_documents (
    content_sha256    VARCHAR NOT NULL,      -- key
    -- Already zstd-compressed by the pipeline: DuckDB stores the bytes as they are instead of
    -- trying its own codecs on them at every checkpoint (measured: ~0.3-1 s less per 6,000 guides).
    data              BLOB NOT NULL USING COMPRESSION uncompressed,
    size_bytes        BIGINT NOT NULL,
    first_source_uri  VARCHAR NOT NULL,
    first_run_id      VARCHAR NOT NULL
);

-- One row per career: its current version.
CREATE TABLE IF NOT EXISTS careers (
    career_id          VARCHAR NOT NULL,     -- key: stable slug of the title
    title              VARCHAR NOT NULL,
    summary            VARCHAR,
    growth_rate_pct    DOUBLE,
    median_salary      INTEGER,
    salary_min         INTEGER,
    salary_max         INTEGER,
    salary_entry       INTEGER,
    salary_mid         INTEGER,
    salary_senior      INTEGER,
    salary_top10       INTEGER,
    salary_currency    VARCHAR,
    salary_country     VARCHAR,
    salary_note        VARCHAR,
    remote_friendly    BOOLEAN NOT NULL,
    market_demand      VARCHAR,
    market_demand_note VARCHAR,
    stress_level       VARCHAR,
    balance_rating     VARCHAR,
    outlook_growth_pct DOUBLE,
    outlook_status     VARCHAR,
    outlook_source     VARCHAR,
    completeness       DOUBLE NOT NULL,      -- 0..1 share of the usual parts present
    quality_flags      VARCHAR[],
    version            INTEGER NOT NULL,
    record_sha256      VARCHAR NOT NULL,
    content_sha256     VARCHAR NOT NULL,
    source_uri         VARCHAR NOT NULL,
    format             VARCHAR NOT NULL,
    parser_version     VARCHAR NOT NULL,
    run_id             VARCHAR NOT NULL,
    loaded_at          TIMESTAMPTZ NOT NULL
);

-- Every version of every career; valid_to is NULL for the current one.
CREATE TABLE IF NOT EXISTS career_versions (
    career_id         VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    record_sha256     VARCHAR NOT NULL,
    content_sha256    VARCHAR NOT NULL,
    record            JSON NOT NULL,
    valid_from        TIMESTAMPTZ NOT NULL,
    valid_to          TIMESTAMPTZ,
    run_id            VARCHAR NOT NULL,
    parser_version    VARCHAR NOT NULL,
    source_uri        VARCHAR NOT NULL
);

-- Child tables: lists as rows, keyed by career_id and position (1-based).
CREATE TABLE IF NOT EXISTS career_items (
    career_id VARCHAR NOT NULL, section VARCHAR NOT NULL, position INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS career_paragraphs (
    career_id VARCHAR NOT NULL, section VARCHAR NOT NULL, position INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS career_tiers (
    career_id VARCHAR NOT NULL, position INTEGER NOT NULL, title VARCHAR NOT NULL,
    experience_min_years INTEGER, experience_max_years INTEGER, description VARCHAR
);
CREATE TABLE IF NOT EXISTS career_day_blocks (
    career_id VARCHAR NOT NULL, position INTEGER NOT NULL, period VARCHAR NOT NULL,
    start_time TIME, end_time TIME, focus VARCHAR, tasks VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS career_skill_groups (
    career_id VARCHAR NOT NULL, position INTEGER NOT NULL, name VARCHAR NOT NULL,
    description VARCHAR, skills VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS career_case_studies (
    career_id VARCHAR NOT NULL, position INTEGER NOT NULL, title VARCHAR NOT NULL,
    body VARCHAR, key_takeaway VARCHAR
);
CREATE TABLE IF NOT EXISTS career_faqs (
    career_id VARCHAR NOT NULL, position INTEGER NOT NULL, question VARCHAR NOT NULL, answer VARCHAR
);

-- What changed in each new version: scalar columns (changed) and list entries (added/removed).
CREATE TABLE IF NOT EXISTS career_changes (
    career_id  VARCHAR NOT NULL,
    version    INTEGER NOT NULL,             -- the version that introduced the change
    field      VARCHAR NOT NULL,             -- careers column, list section, or child table name
    change     VARCHAR NOT NULL,             -- changed | added | removed
    old_value  VARCHAR,
    new_value  VARCHAR,
    run_id     VARCHAR NOT NULL
);

-- Every title seen for a career, as written on the page and as cleaned.
CREATE TABLE IF NOT EXISTS career_aliases (
    alias             VARCHAR NOT NULL,
    career_id         VARCHAR NOT NULL,
    first_seen_run_id VARCHAR NOT NULL
);

-- MinHash signature of each career's current record, so a run compares only new or changed guides.
CREATE TABLE IF NOT EXISTS career_signatures (
    career_id      VARCHAR NOT NULL,
    record_sha256  VARCHAR NOT NULL,
    signature      UBIGINT[] NOT NULL
);

-- Careers whose text is mostly the same (verified Jaccard similarity of word shingles); never merged.
CREATE TABLE IF NOT EXISTS duplicate_candidates (
    career_id_a  VARCHAR NOT NULL,           -- career_id_a < career_id_b
    career_id_b  VARCHAR NOT NULL,
    similarity   DOUBLE NOT NULL,            -- 0..1
    method       VARCHAR NOT NULL,           -- e.g. minhash-lsh/jaccard-3-word-shingles
    run_id       VARCHAR NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL
);

-- Child rows and signatures name the career version they belong to, so a run can add a
-- career's new rows beside its old ones and retire the old ones when it completes.
-- (Added after the first release: ALTER brings older warehouses up to date.)
ALTER TABLE career_items ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_paragraphs ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_tiers ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_day_blocks ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_skill_groups ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_case_studies ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_faqs ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE career_signatures ADD COLUMN IF NOT EXISTS version INTEGER;
ALTER TABLE raw_documents ADD COLUMN IF NOT EXISTS compression VARCHAR;
UPDATE career_items t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_paragraphs t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_tiers t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_day_blocks t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_skill_groups t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_case_studies t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_faqs t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;
UPDATE career_signatures t SET version = c.version FROM careers c WHERE t.version IS NULL AND t.career_id = c.career_id;

COMMENT ON TABLE careers IS 'One row per career, its current version. Salaries are whole units of salary_currency per year.';
COMMENT ON TABLE career_items IS 'Bullet lists as rows: section is responsibilities, tech_stack, tech_skills, soft_skills, pros, cons, common_mistakes, advice, related_roles, sources, or the snake_case heading of a section the parser does not know.';
COMMENT ON TABLE career_paragraphs IS 'Narrative sections as ordered paragraphs, keyed by section (core_functions, work_setting, ...).';
COMMENT ON TABLE career_versions IS 'Every version of every career with its full record as JSON; valid_to IS NULL marks the current one.';
COMMENT ON TABLE ingest_documents IS 'Every input of every run with exactly one outcome: loaded, unchanged, duplicate or quarantined, and a reason when not loaded.';
COMMENT ON TABLE ingest_runs IS 'One row per ingest run with counts per outcome; status is running until the run completes (a killed run is undone at the next write).';
COMMENT ON TABLE raw_documents IS 'Raw bytes of every ingested document, content-addressed by sha256, so careers can be re-derived after a parser change.';
COMMENT ON TABLE career_changes IS 'Change log: per new version, each changed careers column (old -> new) and each added or removed list entry.';
COMMENT ON TABLE career_aliases IS 'Every title seen for a career (as on the page and cleaned), mapped to its career_id.';
COMMENT ON TABLE career_signatures IS 'MinHash signatures (64 permutations over word 3-shingles) of current records, for near-duplicate search.';
COMMENT ON TABLE duplicate_candidates IS 'Pairs of different careers whose guides are mostly the same text; flagged for review, never merged.';
