-- The search index takes its entries at once, no longer through a pending list. Every write to a question rewrites its
-- row out of place (a vote moves `helpful`, which an index orders by), and so adds the question's whole search vector
-- to the GIN index. With `fastupdate` (the default) that went to the index's pending list, and the write that found the
-- list past `gin_pending_list_limit` (4 MB) merged all of it into the index before returning: one vote in a few
-- thousand took 1-2 s, while searches scanned the whole list on every query. Without the list each write pays for its
-- own entries; pgbench of the edge's writes (bench/pgbench/write-*.sql, 8 clients, the full set) kept its throughput and
-- lost those stalls (docs/database.md, "the write path's plans"). A seed or restore keeps the setting: it saves the
-- index's definition as PostgreSQL prints it. A bulk insert of many new questions into a populated database pays per row.
--
-- Changing the setting locks the index exclusively until this migration commits, merging what the list holds (at most
-- 4 MB, a second or two) included: queries on questions wait that long.
DO $$
BEGIN
    IF to_regclass('questions_search') IS NOT NULL THEN
        ALTER INDEX questions_search SET (fastupdate = off);
        -- What the list holds now goes into the index here, so that no search scans it.
        PERFORM gin_clean_pending_list('questions_search'::regclass);
    END IF;
END $$;

-- A seed interrupted with the index dropped resumes its restore from qa_seed_ddl: the index as it is now defined.
UPDATE qa_seed_ddl
SET statement = replace(statement, ') WHERE ', ') WITH (fastupdate = off) WHERE ')
WHERE name = 'questions_search' AND statement NOT LIKE '%fastupdate%';
