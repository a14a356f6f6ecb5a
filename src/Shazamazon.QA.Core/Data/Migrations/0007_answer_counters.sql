-- More reads (../shared/API.md, "More reads"): the sorts mostAnswered (answer count desc, id desc) and recentlyAnswered
-- (latest approved answer desc, id desc, unanswered last) and the answered filter, each served by an index. Each
-- question keeps the count of its approved answers and the time of the latest one ('-infinity' when it has none, so
-- that a descending order puts unanswered questions last and a keyset over it needs no NULL cases), maintained by the
-- answers' triggers in the statement that refreshes the question's search vector (migration 0004): one UPDATE of the
-- question per answer write. At full scale the fill below rewrites every answered question (about half of them).
ALTER TABLE questions ADD COLUMN answer_count integer NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN last_answered_at timestamptz NOT NULL DEFAULT '-infinity';

-- The counters of every question from its approved answers, set-based, where they differ: after this migration, and
-- after a bulk load (restore phase 2), which loads with triggers disabled.
CREATE FUNCTION qa_fill_answer_counters() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    filled bigint;
BEGIN
    UPDATE questions q
    SET answer_count = c.answers, last_answered_at = c.latest
    FROM (SELECT question_id, count(*)::int AS answers, max(created_at) AS latest
          FROM answers WHERE status = 'approved' GROUP BY question_id) c
    WHERE q.id = c.question_id AND (q.answer_count, q.last_answered_at) IS DISTINCT FROM (c.answers, c.latest);
    GET DIAGNOSTICS filled = ROW_COUNT;
    RETURN filled;
END $$;

-- Filling counters changes no product's Q&A: the change trigger stays out of it (it would announce every product).
ALTER TABLE questions DISABLE TRIGGER questions_updated;
SELECT qa_fill_answer_counters();
ALTER TABLE questions ENABLE TRIGGER questions_updated;

-- One refresh of the questions an answer write touched: search vector and counters in one UPDATE.
CREATE FUNCTION qa_refresh_questions(question_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE questions q
    SET search_vector = qa_search_vector(q.id, q.body), answer_count = c.answers, last_answered_at = c.latest
    FROM (SELECT i.id, count(a.id)::int AS answers, coalesce(max(a.created_at), '-infinity') AS latest
          FROM unnest(question_ids) i(id) LEFT JOIN answers a ON a.question_id = i.id AND a.status = 'approved'
          GROUP BY i.id) c
    WHERE q.id = c.id
$$;

CREATE OR REPLACE FUNCTION qa_answers_inserted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_questions(ARRAY(SELECT DISTINCT question_id FROM new_rows WHERE status = 'approved'));
    RETURN NULL;
END $$;

-- Votes change neither text, nor visibility, nor times: only those refresh the question.
CREATE OR REPLACE FUNCTION qa_answers_updated_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_questions(ARRAY(
        SELECT n.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.body IS DISTINCT FROM o.body OR (n.status = 'approved') <> (o.status = 'approved')
           OR n.question_id <> o.question_id OR n.created_at IS DISTINCT FROM o.created_at
        UNION
        SELECT o.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.question_id <> o.question_id));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_deleted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_questions(ARRAY(SELECT DISTINCT question_id FROM old_rows WHERE status = 'approved'));
    RETURN NULL;
END $$;

DROP FUNCTION qa_refresh_search_vectors(bigint[]);

CREATE INDEX questions_by_product_answers  ON questions (product_id, answer_count DESC, id DESC) WHERE status = 'approved';
CREATE INDEX questions_by_product_answered ON questions (product_id, last_answered_at DESC, id DESC) WHERE status = 'approved';
