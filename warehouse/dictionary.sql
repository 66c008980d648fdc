-- Data dictionary: a description for every public table, view and column, stored
-- in DuckDB as COMMENTs (see duckdb_tables(), duckdb_views(), duckdb_columns()).
-- Applied after schema.sql and views.sql each time the warehouse is opened for
-- writing. Table comments for the tables that already carry one stay in
-- schema.sql. docs/schema.md is rendered from these comments
-- (`careers docs`); tests/test_analytics.py fails when a public column has no
-- description or docs/schema.md is stale.

-- ingest_runs
COMMENT ON COLUMN ingest_runs.run_id IS 'Key: the run''s id, a UTC timestamp plus a random suffix (20260101T120000-1a2b3c4d).';
COMMENT ON COLUMN ingest_runs.started_at IS 'When the run started.';
COMMENT ON COLUMN ingest_runs.finished_at IS 'When the run committed.';
COMMENT ON COLUMN ingest_runs.status IS 'completed, or running while a run is loading (a run interrupted by a crash is rolled back, row included, the next time the warehouse is opened for writing).';
COMMENT ON COLUMN ingest_runs.parser_version IS 'PARSER_VERSION of the code that ran.';
COMMENT ON COLUMN ingest_runs.documents_seen IS 'Inputs the run saw; equals loaded + unchanged + duplicate + quarantined.';
COMMENT ON COLUMN ingest_runs.loaded IS 'Inputs loaded as a new career or a new version of one.';
COMMENT ON COLUMN ingest_runs.unchanged IS 'Inputs identical to their career''s current version.';
COMMENT ON COLUMN ingest_runs.duplicate IS 'Inputs that repeated another input of the same run (or lost to a more complete one).';
COMMENT ON COLUMN ingest_runs.quarantined IS 'Inputs refused with a reason (unreadable, not a guide, invalid, ...).';
COMMENT ON COLUMN ingest_runs.elapsed_seconds IS 'Wall-clock seconds of the pipeline''s own work (Prefect start-up excluded).';
COMMENT ON COLUMN ingest_runs.flow_run_id IS 'Prefect flow run id when the run was made by the flow; NULL when the library was called directly.';
COMMENT ON COLUMN ingest_runs.inputs IS 'The paths the run was given (files and directories).';

-- ingest_documents
COMMENT ON COLUMN ingest_documents.run_id IS 'The run (ingest_runs.run_id).';
COMMENT ON COLUMN ingest_documents.position IS 'Order in which the run saw its inputs (1-based, sorted by path).';
COMMENT ON COLUMN ingest_documents.source_uri IS 'Path of the input as given to the run.';
COMMENT ON COLUMN ingest_documents.content_sha256 IS 'sha256 of the raw bytes (raw_documents key); NULL only when the file could not be read.';
COMMENT ON COLUMN ingest_documents.size_bytes IS 'Size of the input in bytes.';
COMMENT ON COLUMN ingest_documents.outcome IS 'loaded | unchanged | duplicate | quarantined.';
COMMENT ON COLUMN ingest_documents.career_id IS 'The career the input was recognised as (a copy of earlier bytes gets the first copy''s); NULL when it was quarantined before its guide was extracted (unreadable, not a guide, cut off), set when the extracted guide broke a validation rule.';
COMMENT ON COLUMN ingest_documents.reason IS 'Why, in plain words, when the outcome is not loaded.';
COMMENT ON COLUMN ingest_documents.record_sha256 IS 'sha256 of the canonical extracted record; NULL when none was extracted.';
COMMENT ON COLUMN ingest_documents.format IS 'Detected format, the parser that read the input: text (plain text), markdown or html.';
COMMENT ON COLUMN ingest_documents.encoding IS 'Detected text encoding (utf-8, utf-8-sig, cp1252, ...).';
COMMENT ON COLUMN ingest_documents.parser_version IS 'PARSER_VERSION that processed the input.';

-- raw_documents
COMMENT ON COLUMN raw_documents.content_sha256 IS 'Key: sha256 of the document''s original bytes.';
COMMENT ON COLUMN raw_documents.data IS 'The document''s bytes exactly as read, stored as compression says (zstd: a standard zstd frame, e.g. `zstd -d`; the replay code reads both).';
COMMENT ON COLUMN raw_documents.size_bytes IS 'Length of the original bytes.';
COMMENT ON COLUMN raw_documents.first_source_uri IS 'Path the bytes were first seen at.';
COMMENT ON COLUMN raw_documents.first_run_id IS 'Run that first stored the bytes.';

-- careers
COMMENT ON COLUMN careers.career_id IS 'Key: stable slug of the cleaned title (medical-records-technician).';
COMMENT ON COLUMN careers.title IS 'Career title as cleaned from the page (" Career Path Guide" removed).';
COMMENT ON COLUMN careers.summary IS 'The introductory paragraph under the title.';
COMMENT ON COLUMN careers.growth_rate_pct IS 'Headline job growth rate in percent (9 means 9%).';
COMMENT ON COLUMN careers.median_salary IS 'Median annual salary: the headline figure, else the salary section''s median. Every salary column is yearly: pay quoted per hour, day, week or month is multiplied out (2,080 hours, 260 days, 52 weeks, 12 months) and noted in quality_flags.';
COMMENT ON COLUMN careers.salary_min IS 'Low end of the annual salary range.';
COMMENT ON COLUMN careers.salary_max IS 'High end of the annual salary range.';
COMMENT ON COLUMN careers.salary_entry IS 'Typical entry-level annual salary.';
COMMENT ON COLUMN careers.salary_mid IS 'Typical mid-level annual salary.';
COMMENT ON COLUMN careers.salary_senior IS 'Typical senior-level annual salary.';
COMMENT ON COLUMN careers.salary_top10 IS 'Annual salary from which the top 10% of earners start.';
COMMENT ON COLUMN careers.salary_currency IS 'Currency code of every salary column (USD, EUR, ...).';
COMMENT ON COLUMN careers.salary_country IS 'Country the salary figures are for, as on the page (US, DE, ...).';
COMMENT ON COLUMN careers.salary_note IS 'Free-text note next to the salary figures (e.g. about the top 10%).';
COMMENT ON COLUMN careers.remote_friendly IS 'True when the page marks the career as remote-friendly.';
COMMENT ON COLUMN careers.market_demand IS 'Market demand as rated on the page (Low, Medium, High, Very High).';
COMMENT ON COLUMN careers.market_demand_note IS 'The paragraph explaining the market demand.';
COMMENT ON COLUMN careers.stress_level IS 'Stress level as rated on the page (Low, Moderate, High, ...).';
COMMENT ON COLUMN careers.balance_rating IS 'Work-life balance as rated on the page (Poor, Fair, Good, Excellent, ...).';
COMMENT ON COLUMN careers.outlook_growth_pct IS 'Growth rate in percent from the job-outlook section.';
COMMENT ON COLUMN careers.outlook_status IS 'Outlook wording from the job-outlook section (Growing faster than average, ...).';
COMMENT ON COLUMN careers.outlook_source IS 'Source the outlook cites (U.S. Bureau of Labor Statistics, ...).';
COMMENT ON COLUMN careers.completeness IS 'Share (0-1) of the 14 usual parts present; v_data_quality lists the missing ones.';
COMMENT ON COLUMN careers.quality_flags IS 'Problems noticed but tolerated while extracting (repeated items, pay converted from hourly to yearly, ...).';
COMMENT ON COLUMN careers.version IS 'Version number of this record (1 = first seen); see career_versions.';
COMMENT ON COLUMN careers.record_sha256 IS 'sha256 of the canonical extracted record: equal for the same guide in any encoding or format.';
COMMENT ON COLUMN careers.content_sha256 IS 'sha256 of the raw bytes this version was loaded from (raw_documents key).';
COMMENT ON COLUMN careers.source_uri IS 'Path of the input this version was loaded from.';
COMMENT ON COLUMN careers.format IS 'Format of that input: text (plain text), markdown or html.';
COMMENT ON COLUMN careers.parser_version IS 'PARSER_VERSION that extracted this version.';
COMMENT ON COLUMN careers.run_id IS 'Run that loaded this version (ingest_runs.run_id).';
COMMENT ON COLUMN careers.loaded_at IS 'When this version was loaded.';

-- career_versions
COMMENT ON COLUMN career_versions.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_versions.version IS 'Version number, 1 for the first.';
COMMENT ON COLUMN career_versions.record_sha256 IS 'sha256 of the canonical record of this version.';
COMMENT ON COLUMN career_versions.content_sha256 IS 'sha256 of the raw bytes this version came from.';
COMMENT ON COLUMN career_versions.record IS 'The full extracted record as canonical JSON.';
COMMENT ON COLUMN career_versions.valid_from IS 'When this version became current.';
COMMENT ON COLUMN career_versions.valid_to IS 'When a newer version replaced it; NULL for the current version.';
COMMENT ON COLUMN career_versions.run_id IS 'Run that loaded this version.';
COMMENT ON COLUMN career_versions.parser_version IS 'PARSER_VERSION that extracted this version.';
COMMENT ON COLUMN career_versions.source_uri IS 'Path of the input this version came from.';

-- child tables
COMMENT ON COLUMN career_items.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_items.section IS 'Which list: responsibilities, tech_stack, tech_skills, soft_skills, pros, cons, common_mistakes, advice, related_roles, sources, or an unknown heading in snake_case.';
COMMENT ON COLUMN career_items.position IS 'Place in the list, 1-based.';
COMMENT ON COLUMN career_items.text IS 'The item''s text.';
COMMENT ON COLUMN career_paragraphs.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_paragraphs.section IS 'Which narrative section (core_functions, work_setting, path, ...), or an unknown heading in snake_case.';
COMMENT ON COLUMN career_paragraphs.position IS 'Place in the section, 1-based.';
COMMENT ON COLUMN career_paragraphs.text IS 'The paragraph''s text.';

COMMENT ON TABLE career_tiers IS 'Career path tiers (entry to senior and beyond) in page order, with their experience ranges.';
COMMENT ON COLUMN career_tiers.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_tiers.position IS 'Place on the career path, 1-based (1 = most junior).';
COMMENT ON COLUMN career_tiers.title IS 'Name of the tier (Entry-Level Medical Records Technician, ...).';
COMMENT ON COLUMN career_tiers.experience_min_years IS 'Fewest years of experience for the tier.';
COMMENT ON COLUMN career_tiers.experience_max_years IS 'Most years of experience for the tier; NULL = no upper bound ("6+ years").';
COMMENT ON COLUMN career_tiers.description IS 'What people at this tier do.';

COMMENT ON TABLE career_day_blocks IS 'A day in the life: blocks of the working day in order, each with a time span, a focus and tasks.';
COMMENT ON COLUMN career_day_blocks.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_day_blocks.position IS 'Place in the day, 1-based.';
COMMENT ON COLUMN career_day_blocks.period IS 'Name of the block (Morning, Afternoon, ...).';
COMMENT ON COLUMN career_day_blocks.start_time IS 'Start of the block, 24-hour (3:00 PM is 15:00).';
COMMENT ON COLUMN career_day_blocks.end_time IS 'End of the block, 24-hour; earlier than start_time when the block runs past midnight (a night shift, 23:00-03:00).';
COMMENT ON COLUMN career_day_blocks.focus IS 'What the block is about.';
COMMENT ON COLUMN career_day_blocks.tasks IS 'Tasks of the block, in page order.';

COMMENT ON TABLE career_skill_groups IS 'Skill map: named groups of skills in page order.';
COMMENT ON COLUMN career_skill_groups.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_skill_groups.position IS 'Place in the skill map, 1-based.';
COMMENT ON COLUMN career_skill_groups.name IS 'Name of the group (Foundational Skills, ...).';
COMMENT ON COLUMN career_skill_groups.description IS 'What the group covers.';
COMMENT ON COLUMN career_skill_groups.skills IS 'Skills of the group, in page order.';

COMMENT ON TABLE career_case_studies IS 'Case studies of the guide in page order.';
COMMENT ON COLUMN career_case_studies.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_case_studies.position IS 'Place in the guide, 1-based.';
COMMENT ON COLUMN career_case_studies.title IS 'Title of the case study.';
COMMENT ON COLUMN career_case_studies.body IS 'The story.';
COMMENT ON COLUMN career_case_studies.key_takeaway IS 'Its lesson, when the guide states one.';

COMMENT ON TABLE career_faqs IS 'Frequently asked questions of the guide in page order.';
COMMENT ON COLUMN career_faqs.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_faqs.position IS 'Place in the guide, 1-based.';
COMMENT ON COLUMN career_faqs.question IS 'The question.';
COMMENT ON COLUMN career_faqs.answer IS 'The answer.';

-- career_changes
COMMENT ON COLUMN career_changes.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_changes.version IS 'The version that introduced the change.';
COMMENT ON COLUMN career_changes.field IS 'What changed: a careers column, a list section, or a child table name.';
COMMENT ON COLUMN career_changes.change IS 'changed | added | removed.';
COMMENT ON COLUMN career_changes.old_value IS 'Value before (changed, removed); NULL for added.';
COMMENT ON COLUMN career_changes.new_value IS 'Value after (changed, added); NULL for removed.';
COMMENT ON COLUMN career_changes.run_id IS 'Run that loaded the version.';

-- career_aliases
COMMENT ON COLUMN career_aliases.alias IS 'A title seen for the career, as on the page or cleaned.';
COMMENT ON COLUMN career_aliases.career_id IS 'The career it maps to (careers.career_id).';
COMMENT ON COLUMN career_aliases.first_seen_run_id IS 'Run in which the alias was first seen.';

-- career_signatures
COMMENT ON COLUMN career_signatures.career_id IS 'The career (careers.career_id).';
COMMENT ON COLUMN career_signatures.record_sha256 IS 'The record the signature was computed from.';
COMMENT ON COLUMN career_signatures.signature IS 'MinHash signature: one minimum hash per permutation.';

-- duplicate_candidates
COMMENT ON COLUMN duplicate_candidates.career_id_a IS 'One career of the pair (career_id_a < career_id_b).';
COMMENT ON COLUMN duplicate_candidates.career_id_b IS 'The other career of the pair.';
COMMENT ON COLUMN duplicate_candidates.similarity IS 'Verified Jaccard similarity of word shingles, 0-1.';
COMMENT ON COLUMN duplicate_candidates.method IS 'How the pair was found and verified (minhash-lsh/jaccard-3-word-shingles).';
COMMENT ON COLUMN duplicate_candidates.run_id IS 'Run that flagged the pair.';
COMMENT ON COLUMN duplicate_candidates.detected_at IS 'When the pair was flagged.';

-- v_career_profile
COMMENT ON VIEW v_career_profile IS 'One wide row per career: salary band, outlook, work-life ratings and the number of entries in each section.';
COMMENT ON COLUMN v_career_profile.career_id IS 'Key: careers.career_id.';
COMMENT ON COLUMN v_career_profile.title IS 'Career title.';
COMMENT ON COLUMN v_career_profile.salary_currency IS 'Currency of every salary column.';
COMMENT ON COLUMN v_career_profile.salary_country IS 'Country the salaries are for.';
COMMENT ON COLUMN v_career_profile.salary_min IS 'Low end of the annual salary range.';
COMMENT ON COLUMN v_career_profile.salary_entry IS 'Entry-level annual salary.';
COMMENT ON COLUMN v_career_profile.salary_mid IS 'Mid-level annual salary.';
COMMENT ON COLUMN v_career_profile.median_salary IS 'Median annual salary.';
COMMENT ON COLUMN v_career_profile.salary_senior IS 'Senior-level annual salary.';
COMMENT ON COLUMN v_career_profile.salary_max IS 'High end of the annual salary range.';
COMMENT ON COLUMN v_career_profile.salary_top10 IS 'Annual salary from which the top 10% start.';
COMMENT ON COLUMN v_career_profile.growth_rate_pct IS 'Headline job growth rate in percent.';
COMMENT ON COLUMN v_career_profile.outlook_growth_pct IS 'Growth rate in percent from the job-outlook section.';
COMMENT ON COLUMN v_career_profile.outlook_status IS 'Outlook wording from the job-outlook section.';
COMMENT ON COLUMN v_career_profile.market_demand IS 'Market demand rating (Low ... Very High).';
COMMENT ON COLUMN v_career_profile.stress_level IS 'Stress level rating.';
COMMENT ON COLUMN v_career_profile.balance_rating IS 'Work-life balance rating.';
COMMENT ON COLUMN v_career_profile.remote_friendly IS 'True when marked remote-friendly.';
COMMENT ON COLUMN v_career_profile.responsibilities_count IS 'Number of key responsibilities.';
COMMENT ON COLUMN v_career_profile.tech_stack_count IS 'Number of tech stack items (tools).';
COMMENT ON COLUMN v_career_profile.tech_skills_count IS 'Number of technical skills.';
COMMENT ON COLUMN v_career_profile.soft_skills_count IS 'Number of soft skills.';
COMMENT ON COLUMN v_career_profile.pros_count IS 'Number of pros.';
COMMENT ON COLUMN v_career_profile.cons_count IS 'Number of cons.';
COMMENT ON COLUMN v_career_profile.common_mistakes_count IS 'Number of common mistakes.';
COMMENT ON COLUMN v_career_profile.advice_count IS 'Number of pieces of advice.';
COMMENT ON COLUMN v_career_profile.related_roles_count IS 'Number of related roles.';
COMMENT ON COLUMN v_career_profile.sources_count IS 'Number of cited sources.';
COMMENT ON COLUMN v_career_profile.tiers_count IS 'Number of career path tiers.';
COMMENT ON COLUMN v_career_profile.day_blocks_count IS 'Number of day-in-the-life blocks.';
COMMENT ON COLUMN v_career_profile.skill_groups_count IS 'Number of skill-map groups.';
COMMENT ON COLUMN v_career_profile.case_studies_count IS 'Number of case studies.';
COMMENT ON COLUMN v_career_profile.faqs_count IS 'Number of FAQs.';
COMMENT ON COLUMN v_career_profile.paragraphs_count IS 'Number of narrative paragraphs, all sections together.';
COMMENT ON COLUMN v_career_profile.completeness IS 'Share (0-1) of the usual parts present.';
COMMENT ON COLUMN v_career_profile.quality_flags_count IS 'Number of quality flags.';
COMMENT ON COLUMN v_career_profile.version IS 'Current version number.';
COMMENT ON COLUMN v_career_profile.loaded_at IS 'When the current version was loaded.';

-- v_salary_bands
COMMENT ON VIEW v_salary_bands IS 'Salary figures in long form, one row per career and level, for charts; levels without a figure are left out.';
COMMENT ON COLUMN v_salary_bands.career_id IS 'careers.career_id.';
COMMENT ON COLUMN v_salary_bands.title IS 'Career title.';
COMMENT ON COLUMN v_salary_bands.level IS 'min | entry | mid | median | senior | max | top10.';
COMMENT ON COLUMN v_salary_bands.level_order IS 'Sort key for level, 1 (min) to 7 (top10).';
COMMENT ON COLUMN v_salary_bands.amount IS 'Annual salary in salary_currency.';
COMMENT ON COLUMN v_salary_bands.salary_currency IS 'Currency of amount.';
COMMENT ON COLUMN v_salary_bands.salary_country IS 'Country the salary is for.';

-- v_tech_stack
COMMENT ON VIEW v_tech_stack IS 'Tech stack items split into a tool name and its examples: only a trailing parenthesised group is examples, and one that is a single all-caps token such as (HIMS) is an abbreviation kept in the name.';
COMMENT ON COLUMN v_tech_stack.career_id IS 'careers.career_id.';
COMMENT ON COLUMN v_tech_stack.position IS 'Place in the tech stack list, 1-based.';
COMMENT ON COLUMN v_tech_stack.name IS 'The tool without its examples (Electronic Health Record (EHR) Systems).';
COMMENT ON COLUMN v_tech_stack.examples IS 'The examples named in the trailing parentheses, "e.g." removed ([Epic, Cerner, Meditech]); empty when none.';
COMMENT ON COLUMN v_tech_stack.text IS 'The item as written in the guide.';

-- v_tech_frequency
COMMENT ON VIEW v_tech_frequency IS 'Tools across careers: each normalised tool name with the number of careers naming it.';
COMMENT ON COLUMN v_tech_frequency.tool IS 'Key: the tool name from v_tech_stack, lower-cased, trimmed, spaces collapsed.';
COMMENT ON COLUMN v_tech_frequency.display_name IS 'The most used spelling of the tool name.';
COMMENT ON COLUMN v_tech_frequency.careers IS 'Number of careers naming the tool.';
COMMENT ON COLUMN v_tech_frequency.mentions IS 'Number of tech stack items naming it (a career may name it twice).';
COMMENT ON COLUMN v_tech_frequency.examples IS 'Every example given for the tool, sorted.';
COMMENT ON COLUMN v_tech_frequency.career_ids IS 'The careers naming it, sorted.';

-- v_skill_frequency
COMMENT ON VIEW v_skill_frequency IS 'Skills across careers (tech_skills, soft_skills and skill-map skills): each normalised skill with the number of careers naming it.';
COMMENT ON COLUMN v_skill_frequency.skill IS 'Key: the skill lower-cased, trimmed, spaces collapsed, trailing punctuation dropped.';
COMMENT ON COLUMN v_skill_frequency.display_name IS 'The most used spelling of the skill.';
COMMENT ON COLUMN v_skill_frequency.careers IS 'Number of careers naming the skill.';
COMMENT ON COLUMN v_skill_frequency.mentions IS 'Number of times it is named across all careers and lists.';
COMMENT ON COLUMN v_skill_frequency.sources IS 'Where it was named: tech_skills, soft_skills and/or skill_map.';
COMMENT ON COLUMN v_skill_frequency.career_ids IS 'The careers naming it, sorted.';

-- v_data_quality
COMMENT ON VIEW v_data_quality IS 'Per career: completeness, which of the 14 usual parts are missing, quality flags and provenance.';
COMMENT ON COLUMN v_data_quality.career_id IS 'careers.career_id.';
COMMENT ON COLUMN v_data_quality.title IS 'Career title.';
COMMENT ON COLUMN v_data_quality.completeness IS 'Share (0-1) of the usual parts present: (14 - missing_count) / 14.';
COMMENT ON COLUMN v_data_quality.missing_sections IS 'The usual parts the guide lacks, from summary, growth_rate, median_salary, salary_range, market_demand, responsibilities, tech_skills, soft_skills, tiers, day_blocks, faqs, pros, cons, work_life_balance.';
COMMENT ON COLUMN v_data_quality.missing_count IS 'Number of missing parts.';
COMMENT ON COLUMN v_data_quality.quality_flags IS 'Problems noticed but tolerated while extracting.';
COMMENT ON COLUMN v_data_quality.quality_flags_count IS 'Number of quality flags.';
COMMENT ON COLUMN v_data_quality.version IS 'Current version number.';
COMMENT ON COLUMN v_data_quality.source_uri IS 'Path of the input the current version came from.';
COMMENT ON COLUMN v_data_quality.format IS 'text (plain text), markdown or html.';
COMMENT ON COLUMN v_data_quality.parser_version IS 'PARSER_VERSION that extracted it.';
COMMENT ON COLUMN v_data_quality.run_id IS 'Run that loaded the current version.';
COMMENT ON COLUMN v_data_quality.loaded_at IS 'When the current version was loaded.';

-- version of child rows and signatures
COMMENT ON COLUMN career_items.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_paragraphs.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_tiers.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_day_blocks.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_skill_groups.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_case_studies.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_faqs.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN career_signatures.version IS 'The career version these rows belong to (careers.version, career_versions.version).';
COMMENT ON COLUMN raw_documents.compression IS 'How data is stored: zstd (a zstd frame of the original bytes; size_bytes is the original size), or NULL for the bytes as they were read (rows written before compression was introduced).';
