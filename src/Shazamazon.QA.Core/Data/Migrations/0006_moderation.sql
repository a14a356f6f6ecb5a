-- Moderation (../shared/API.md, "Moderation"): every question and answer is approved, pending or rejected, and reads
-- show approved items only. A report keeps who reported and why (one report per reporter per item), hides the item
-- (pending) and queues it; a moderator approves or rejects it. Items reported before this migration become pending, each
-- with one report from the reporter 'legacy', so nothing hidden comes back unseen and nothing is lost.
-- At full scale the index rebuilds below dominate (the read path's four partial indexes, now over status).
CREATE TYPE qa_status AS ENUM ('approved', 'pending', 'rejected');
CREATE TYPE qa_report_reason AS ENUM ('spam', 'offensive', 'off-topic', 'other');

-- A constant default: no table rewrite.
ALTER TABLE questions ADD COLUMN status qa_status NOT NULL DEFAULT 'approved';
ALTER TABLE answers ADD COLUMN status qa_status NOT NULL DEFAULT 'approved';

CREATE TABLE question_reports (
    question_id bigint           NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    reported_at timestamptz      NOT NULL DEFAULT now(),
    reason      qa_report_reason NOT NULL,
    reporter    text             NOT NULL CHECK (length(reporter) BETWEEN 1 AND 64),
    PRIMARY KEY (question_id, reporter)
);

CREATE TABLE answer_reports (
    answer_id   bigint           NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    reported_at timestamptz      NOT NULL DEFAULT now(),
    reason      qa_report_reason NOT NULL,
    reporter    text             NOT NULL CHECK (length(reporter) BETWEEN 1 AND 64),
    PRIMARY KEY (answer_id, reporter)
);

-- Nothing visible changes (reported items were hidden already): the change and search triggers stay out of it.
ALTER TABLE questions DISABLE TRIGGER questions_updated;
ALTER TABLE answers DISABLE TRIGGER answers_updated;
ALTER TABLE answers DISABLE TRIGGER answers_updated_search;
UPDATE questions SET status = 'pending' WHERE reported;
UPDATE answers SET status = 'pending' WHERE reported;
ALTER TABLE questions ENABLE TRIGGER questions_updated;
ALTER TABLE answers ENABLE TRIGGER answers_updated;
ALTER TABLE answers ENABLE TRIGGER answers_updated_search;
INSERT INTO question_reports (question_id, reason, reporter) SELECT id, 'other', 'legacy' FROM questions WHERE reported;
INSERT INTO answer_reports (answer_id, reason, reporter) SELECT id, 'other', 'legacy' FROM answers WHERE reported;

-- The search vectors (migration 0004) hold the text of approved answers only.
CREATE OR REPLACE FUNCTION qa_search_vector(question_id bigint, body text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', body), 'A')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(a.body, ' ' ORDER BY a.id) FROM answers a WHERE a.question_id = $1 AND a.status = 'approved'), '')), 'B')
$$;

CREATE OR REPLACE FUNCTION qa_fill_search_vectors() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    filled bigint;
BEGIN
    UPDATE questions q
    SET search_vector = setweight(to_tsvector('english', q.body), 'A') || setweight(to_tsvector('english', coalesce(t.text, '')), 'B')
    FROM (SELECT q2.id, string_agg(a.body, ' ' ORDER BY a.id) AS text
          FROM questions q2 LEFT JOIN answers a ON a.question_id = q2.id AND a.status = 'approved'
          WHERE q2.search_vector IS NULL
          GROUP BY q2.id) t
    WHERE q.id = t.id;
    GET DIAGNOSTICS filled = ROW_COUNT;
    RETURN filled;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_inserted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(SELECT DISTINCT question_id FROM new_rows WHERE status = 'approved'));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_updated_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(
        SELECT n.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.body IS DISTINCT FROM o.body OR (n.status = 'approved') <> (o.status = 'approved') OR n.question_id <> o.question_id
        UNION
        SELECT o.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.question_id <> o.question_id));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_deleted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(SELECT DISTINCT question_id FROM old_rows WHERE status = 'approved'));
    RETURN NULL;
END $$;

-- The read path's partial indexes, over approved rows instead of non-reported ones.
DROP INDEX questions_by_product_helpful;
DROP INDEX questions_by_product_newest;
DROP INDEX answers_by_question_helpful;
DROP INDEX questions_search;
ALTER TABLE questions DROP COLUMN reported;
ALTER TABLE answers DROP COLUMN reported;
CREATE INDEX questions_by_product_helpful ON questions (product_id, helpful DESC, id DESC) WHERE status = 'approved';
CREATE INDEX questions_by_product_newest  ON questions (product_id, created_at DESC, id DESC) WHERE status = 'approved';
CREATE INDEX answers_by_question_helpful  ON answers (question_id, helpful DESC, id DESC) WHERE status = 'approved';
CREATE INDEX questions_search ON questions USING gin (product_id, search_vector) WHERE status = 'approved';

-- The moderation queue, oldest first: small indexes over the pending rows alone.
CREATE INDEX questions_pending ON questions (created_at, id) WHERE status = 'pending';
CREATE INDEX answers_pending   ON answers (created_at, id) WHERE status = 'pending';
