-- Curated views for analysts (DuckDB). Applied after schema.sql every time the
-- warehouse is opened for writing, so they always match the tables. Plain SQL
-- over the public tables: no macros, no extensions. Descriptions of every view
-- and column are in dictionary.sql (applied after this file, since CREATE OR
-- REPLACE VIEW drops a view's comments).

-- One wide row per career: salary band, outlook, work-life and how much of each section the guide has.
CREATE OR REPLACE VIEW v_career_profile AS
WITH items AS (
    SELECT career_id,
           count(*) FILTER (WHERE section = 'responsibilities') AS responsibilities_count,
           count(*) FILTER (WHERE section = 'tech_stack')       AS tech_stack_count,
           count(*) FILTER (WHERE section = 'tech_skills')      AS tech_skills_count,
           count(*) FILTER (WHERE section = 'soft_skills')      AS soft_skills_count,
           count(*) FILTER (WHERE section = 'pros')             AS pros_count,
           count(*) FILTER (WHERE section = 'cons')             AS cons_count,
           count(*) FILTER (WHERE section = 'common_mistakes')  AS common_mistakes_count,
           count(*) FILTER (WHERE section = 'advice')           AS advice_count,
           count(*) FILTER (WHERE section = 'related_roles')    AS related_roles_count,
           count(*) FILTER (WHERE section = 'sources')          AS sources_count
    FROM career_items GROUP BY career_id
),
paragraphs AS (SELECT career_id, count(*) AS paragraphs_count FROM career_paragraphs GROUP BY career_id),
tiers AS (SELECT career_id, count(*) AS tiers_count FROM career_tiers GROUP BY career_id),
day_blocks AS (SELECT career_id, count(*) AS day_blocks_count FROM career_day_blocks GROUP BY career_id),
skill_groups AS (SELECT career_id, count(*) AS skill_groups_count FROM career_skill_groups GROUP BY career_id),
case_studies AS (SELECT career_id, count(*) AS case_studies_count FROM career_case_studies GROUP BY career_id),
faqs AS (SELECT career_id, count(*) AS faqs_count FROM career_faqs GROUP BY career_id)
SELECT
    c.career_id,
    c.title,
    c.salary_currency,
    c.salary_country,
    c.salary_min,
    c.salary_entry,
    c.salary_mid,
    c.median_salary,
    c.salary_senior,
    c.salary_max,
    c.salary_top10,
    c.growth_rate_pct,
    c.outlook_growth_pct,
    c.outlook_status,
    c.market_demand,
    c.stress_level,
    c.balance_rating,
    c.remote_friendly,
    coalesce(i.responsibilities_count, 0) AS responsibilities_count,
    coalesce(i.tech_stack_count, 0)       AS tech_stack_count,
    coalesce(i.tech_skills_count, 0)      AS tech_skills_count,
    coalesce(i.soft_skills_count, 0)      AS soft_skills_count,
    coalesce(i.pros_count, 0)             AS pros_count,
    coalesce(i.cons_count, 0)             AS cons_count,
    coalesce(i.common_mistakes_count, 0)  AS common_mistakes_count,
    coalesce(i.advice_count, 0)           AS advice_count,
    coalesce(i.related_roles_count, 0)    AS related_roles_count,
    coalesce(i.sources_count, 0)          AS sources_count,
    coalesce(t.tiers_count, 0)            AS tiers_count,
    coalesce(d.day_blocks_count, 0)       AS day_blocks_count,
    coalesce(g.skill_groups_count, 0)     AS skill_groups_count,
    coalesce(s.case_studies_count, 0)     AS case_studies_count,
    coalesce(f.faqs_count, 0)             AS faqs_count,
    coalesce(p.paragraphs_count, 0)       AS paragraphs_count,
    c.completeness,
    coalesce(len(c.quality_flags), 0)     AS quality_flags_count,
    c.version,
    c.loaded_at
FROM careers c
LEFT JOIN items i USING (career_id)
LEFT JOIN paragraphs p USING (career_id)
LEFT JOIN tiers t USING (career_id)
LEFT JOIN day_blocks d USING (career_id)
LEFT JOIN skill_groups g USING (career_id)
LEFT JOIN case_studies s USING (career_id)
LEFT JOIN faqs f USING (career_id);

-- Salary figures in long form (one row per career and level), for charts. Levels without a figure are left out.
CREATE OR REPLACE VIEW v_salary_bands AS
SELECT c.career_id, c.title, b.level, b.level_order, b.amount, c.salary_currency, c.salary_country
FROM careers c,
     LATERAL (VALUES
         ('min',    1, c.salary_min),
         ('entry',  2, c.salary_entry),
         ('mid',    3, c.salary_mid),
         ('median', 4, c.median_salary),
         ('senior', 5, c.salary_senior),
         ('max',    6, c.salary_max),
         ('top10',  7, c.salary_top10)
     ) AS b(level, level_order, amount)
WHERE b.amount IS NOT NULL;

-- Each tech_stack item split into the tool's name and its examples. Only a trailing parenthesised group holds
-- examples ("EHR Systems (e.g., Epic, Cerner)"); one that is a single all-caps token ("(HIMS)") is an
-- abbreviation and stays in the name, as does any group inside the name ("Record (EHR) Systems").
CREATE OR REPLACE VIEW v_tech_stack AS
WITH parsed AS (
    SELECT career_id, position, text,
           regexp_extract(trim(text), '^(.*\S)\s*\(([^()]*)\)$', ['head', 'inner']) AS m
    FROM career_items
    WHERE section = 'tech_stack'
),
classified AS (
    SELECT *, m.head <> '' AND NOT regexp_full_match(trim(m.inner), '[A-Z][A-Z0-9&./+-]*s?') AS has_examples
    FROM parsed
)
SELECT
    career_id,
    position,
    CASE WHEN has_examples THEN trim(m.head) ELSE trim(text) END AS name,
    CASE WHEN has_examples THEN
        list_filter(
            list_transform(
                string_split(regexp_replace(trim(m.inner), '^(e\.g\.|i\.e\.|eg\.|such as|including|like)[,:]?\s*', '', 'i'), ','),
                lambda x: trim(regexp_replace(trim(x), '^(and|or)\s+', '', 'i'))
            ),
            lambda x: x <> '' AND lower(x) NOT IN ('etc', 'etc.')
        )
    ELSE []::VARCHAR[] END AS examples,
    text
FROM classified;

-- Tools across careers: the tool name from v_tech_stack, normalised (lower-cased, trimmed, spaces collapsed),
-- with the number of careers naming it and the most used spelling for display.
CREATE OR REPLACE VIEW v_tech_frequency AS
WITH named AS MATERIALIZED (
    SELECT career_id, name, lower(regexp_replace(trim(name), '\s+', ' ', 'g')) AS tool, examples
    FROM v_tech_stack
),
spellings AS (
    SELECT tool, first(name ORDER BY uses DESC, name) AS display_name
    FROM (SELECT tool, name, count(*) AS uses FROM named GROUP BY tool, name)
    GROUP BY tool
)
SELECT
    n.tool,
    any_value(s.display_name) AS display_name,
    count(DISTINCT n.career_id) AS careers,
    count(*) AS mentions,
    list_sort(list_distinct(flatten(list(n.examples)))) AS examples,
    list_sort(list_distinct(list(n.career_id))) AS career_ids
FROM named n JOIN spellings s USING (tool)
GROUP BY n.tool;

-- Skills across careers: tech_skills and soft_skills items and skill-map skills, normalised (lower-cased,
-- trimmed, spaces collapsed, trailing punctuation dropped), with the number of careers naming each.
CREATE OR REPLACE VIEW v_skill_frequency AS
WITH mentioned AS (
    SELECT career_id, section AS source, text AS name FROM career_items WHERE section IN ('tech_skills', 'soft_skills')
    UNION ALL
    SELECT career_id, 'skill_map' AS source, unnest(skills) AS name FROM career_skill_groups
),
named AS MATERIALIZED (
    SELECT career_id, source, trim(name) AS name,
           lower(regexp_replace(rtrim(trim(name), '.;:, '), '\s+', ' ', 'g')) AS skill
    FROM mentioned
    WHERE rtrim(trim(name), '.;:, ') <> ''
),
spellings AS (
    SELECT skill, first(name ORDER BY uses DESC, name) AS display_name
    FROM (SELECT skill, name, count(*) AS uses FROM named GROUP BY skill, name)
    GROUP BY skill
)
SELECT
    n.skill,
    any_value(s.display_name) AS display_name,
    count(DISTINCT n.career_id) AS careers,
    count(*) AS mentions,
    list_sort(list_distinct(list(n.source))) AS sources,
    list_sort(list_distinct(list(n.career_id))) AS career_ids
FROM named n JOIN spellings s USING (skill)
GROUP BY n.skill;

-- Per career: how complete its guide is and which of the usual parts are missing (the same parts that
-- completeness counts, see pipeline/process.py), with its quality flags and provenance.
CREATE OR REPLACE VIEW v_data_quality AS
WITH present AS (
    SELECT career_id,
           list(DISTINCT section) AS item_sections
    FROM career_items GROUP BY career_id
),
parts AS (
    SELECT
        c.*,
        coalesce(p.item_sections, []::VARCHAR[]) AS item_sections,
        EXISTS (SELECT 1 FROM career_tiers t WHERE t.career_id = c.career_id) AS has_tiers,
        EXISTS (SELECT 1 FROM career_day_blocks d WHERE d.career_id = c.career_id) AS has_day_blocks,
        EXISTS (SELECT 1 FROM career_faqs f WHERE f.career_id = c.career_id) AS has_faqs
    FROM careers c LEFT JOIN present p USING (career_id)
),
missing AS (
    SELECT *,
        list_filter([
            CASE WHEN coalesce(summary, '') = '' THEN 'summary' END,
            CASE WHEN growth_rate_pct IS NULL THEN 'growth_rate' END,
            CASE WHEN median_salary IS NULL THEN 'median_salary' END,
            CASE WHEN salary_min IS NULL OR salary_max IS NULL THEN 'salary_range' END,
            CASE WHEN market_demand IS NULL THEN 'market_demand' END,
            CASE WHEN NOT list_contains(item_sections, 'responsibilities') THEN 'responsibilities' END,
            CASE WHEN NOT list_contains(item_sections, 'tech_skills') THEN 'tech_skills' END,
            CASE WHEN NOT list_contains(item_sections, 'soft_skills') THEN 'soft_skills' END,
            CASE WHEN NOT has_tiers THEN 'tiers' END,
            CASE WHEN NOT has_day_blocks THEN 'day_blocks' END,
            CASE WHEN NOT has_faqs THEN 'faqs' END,
            CASE WHEN NOT list_contains(item_sections, 'pros') THEN 'pros' END,
            CASE WHEN NOT list_contains(item_sections, 'cons') THEN 'cons' END,
            CASE WHEN stress_level IS NULL AND balance_rating IS NULL THEN 'work_life_balance' END
        ]::VARCHAR[], lambda x: x IS NOT NULL) AS missing_sections
    FROM parts
)
SELECT
    career_id,
    title,
    completeness,
    missing_sections,
    len(missing_sections) AS missing_count,
    coalesce(quality_flags, []::VARCHAR[]) AS quality_flags,
    coalesce(len(quality_flags), 0) AS quality_flags_count,
    version,
    source_uri,
    format,
    parser_version,
    run_id,
    loaded_at
FROM missing;
