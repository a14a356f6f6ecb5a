-- The read model of a miss: a page of questions is one range of a question index and nothing else. Each question keeps
-- its top answers (the first page of its approved answers by helpfulness, as JSON), maintained by the answers' triggers
-- beside its answer count (migration 0007); each product keeps its counts of approved questions and of approved answered
-- questions, maintained from the questions' rows by delta, so concurrent writes add up exactly. Before, a page of 5
-- questions also counted the product's questions, counted each question's answers, and read each question's answers
-- from their index (docs/database.md, "The read model"). At full scale the fill below rewrites every answered question.
ALTER TABLE products ADD COLUMN question_count integer NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN answered_count integer NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN top_answers jsonb NOT NULL DEFAULT '[]';

-- How many answers a question keeps inline: the contract's inline answers (DatabaseSource.InlineAnswers).
CREATE FUNCTION qa_top_answer_count() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 5';

-- One answer as a question keeps it: the contract's names, the time as microseconds since 1970 (exact, and free of
-- the writing session's time zone).
CREATE FUNCTION qa_inline_answer(a answers) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', a.id, 'body', a.body, 'answererName', a.answerer_name,
                              'createdAtMicros', (extract(epoch FROM a.created_at) * 1000000)::bigint, 'helpful', a.helpful)
$$;

-- A question's top answers, from its index of approved answers.
CREATE FUNCTION qa_top_answers(question_id bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_agg(qa_inline_answer(t.a) ORDER BY (t.a).helpful DESC, (t.a).id DESC), '[]')
    FROM (SELECT a FROM answers a WHERE a.question_id = $1 AND a.status = 'approved'
          ORDER BY a.helpful DESC, a.id DESC LIMIT qa_top_answer_count()) t
$$;

-- The read model from the data, set-based, where it differs: after this migration, and after a bulk load (restore
-- phase 2), which loads with triggers disabled. First what each question keeps from its approved answers (counters and
-- top answers: one pass over the answers, one rewrite of each answered question; replaces qa_fill_answer_counters),
-- then what each product keeps from its approved questions (which counts the answered ones the first step marked).
CREATE FUNCTION qa_fill_read_model() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE questions q
    SET answer_count = c.answers, last_answered_at = c.latest, top_answers = c.top
    FROM (SELECT r.question_id, count(*)::int AS answers, max(r.created_at) AS latest,
                 jsonb_agg(qa_inline_answer(r.a) ORDER BY r.helpful DESC, r.id DESC) FILTER (WHERE r.rank <= qa_top_answer_count()) AS top
          FROM (SELECT a.question_id, a.created_at, a.helpful, a.id, a,
                       row_number() OVER (PARTITION BY a.question_id ORDER BY a.helpful DESC, a.id DESC) AS rank
                FROM answers a WHERE a.status = 'approved') r
          GROUP BY r.question_id) c
    WHERE q.id = c.question_id
      AND (q.answer_count, q.last_answered_at, q.top_answers) IS DISTINCT FROM (c.answers, c.latest, c.top);

    UPDATE products p
    SET question_count = c.questions, answered_count = c.answered
    FROM (SELECT pr.id, coalesce(q.questions, 0) AS questions, coalesce(q.answered, 0) AS answered
          FROM products pr
          LEFT JOIN (SELECT product_id, count(*)::int AS questions, count(*) FILTER (WHERE answer_count > 0)::int AS answered
                     FROM questions WHERE status = 'approved' GROUP BY product_id) q ON q.product_id = pr.id) c
    WHERE p.id = c.id AND (p.question_count, p.answered_count) IS DISTINCT FROM (c.questions, c.answered);
END $$;

DROP FUNCTION qa_fill_answer_counters();

-- A seed interrupted before this migration resumes its restore from qa_seed_ddl: its fill, as the seed now writes it
-- (BulkLoadSchema).
UPDATE qa_seed_ddl
SET name = 'search vectors and read model', statement = 'SELECT qa_fill_search_vectors(), qa_fill_read_model()'
WHERE statement LIKE '%qa_fill_answer_counters()%';

-- Filling changes nothing a read shows: the questions' triggers (change, outbox) stay out of it. The products' only
-- UPDATE trigger fires on a new name or category.
ALTER TABLE questions DISABLE TRIGGER USER;
SELECT qa_fill_read_model();
ALTER TABLE questions ENABLE TRIGGER USER;

-- The refresh of the questions an answer write touched (search vector, counters, top answers), and the lighter one of
-- a vote or a renamed answerer (top answers only). Each first locks its questions, in id order, and then reads their
-- answers in a statement of its own: its snapshot is taken once the lock is held, so it sees every answer written by a
-- transaction that held the lock before (an UPDATE reading the answers in the same statement would keep the snapshot
-- it started with, and of two concurrent answers, the second refresh would miss the first). The change triggers
-- already serialize a product's writers (migration 0002 locks the product's row first); this lock keeps the refresh
-- right where they stand aside (an import's upserts beside the edge's writes). The lock is the one the
-- UPDATE takes anyway (FOR NO KEY UPDATE): FOR UPDATE would also wait for the key-share lock of an answer being
-- inserted (its foreign key), whose writer waits for the product this one holds: a deadlock.
CREATE OR REPLACE FUNCTION qa_refresh_questions(question_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM questions WHERE id = ANY (question_ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE questions q
    SET search_vector = qa_search_vector(q.id, q.body), answer_count = c.answers, last_answered_at = c.latest,
        top_answers = qa_top_answers(q.id)
    FROM (SELECT i.id, count(a.id)::int AS answers, coalesce(max(a.created_at), '-infinity') AS latest
          FROM unnest(question_ids) i(id) LEFT JOIN answers a ON a.question_id = i.id AND a.status = 'approved'
          GROUP BY i.id) c
    WHERE q.id = c.id;
END $$;

CREATE FUNCTION qa_refresh_top_answers(question_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM questions WHERE id = ANY (question_ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE questions q SET top_answers = t.top
    FROM (SELECT i.id, qa_top_answers(i.id) AS top FROM unnest(question_ids) i(id)) t
    WHERE q.id = t.id AND q.top_answers IS DISTINCT FROM t.top;
END $$;

-- Text, visibility, time or question changes refresh everything; helpfulness (a vote) or the answerer's name only the
-- top answers, and only when the answer is visible.
CREATE OR REPLACE FUNCTION qa_answers_updated_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_questions(ARRAY(
        SELECT n.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.body IS DISTINCT FROM o.body OR (n.status = 'approved') <> (o.status = 'approved')
           OR n.question_id <> o.question_id OR n.created_at IS DISTINCT FROM o.created_at
        UNION
        SELECT o.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.question_id <> o.question_id));
    PERFORM qa_refresh_top_answers(ARRAY(
        SELECT DISTINCT n.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.status = 'approved' AND o.status = 'approved' AND n.question_id = o.question_id
          AND n.body IS NOT DISTINCT FROM o.body AND n.created_at IS NOT DISTINCT FROM o.created_at
          AND (n.helpful IS DISTINCT FROM o.helpful OR n.answerer_name IS DISTINCT FROM o.answerer_name)));
    RETURN NULL;
END $$;

-- One lock order for every write: a question's row, then its product's. A write to a question row locks the row, then
-- its triggers lock the product (migration 0002); an answer's refresh of its question (above) used to run after the
-- answers' change trigger had locked the product, so an answer vote and a vote on its question could each hold what
-- the other waited for (a deadlock, one write aborted after a second). Triggers of one event fire in name order: the
-- refresh now fires first.
ALTER TRIGGER answers_inserted_search ON answers RENAME TO answers_a_refresh_inserted;
ALTER TRIGGER answers_updated_search ON answers RENAME TO answers_a_refresh_updated;
ALTER TRIGGER answers_deleted_search ON answers RENAME TO answers_a_refresh_deleted;

-- A product's counts move with its questions' rows: +1 for each approved row a statement leaves, -1 for each it took
-- away (answered ones counted apart), so concurrent writers add up exactly. Not a change trigger: it runs during
-- imports too (the importer's upserts keep the counts; a load into empty tables disables it and fills them in phase 2).
CREATE TYPE qa_counted_question AS (product_id bigint, sign integer, answered boolean);

CREATE FUNCTION qa_count_questions(counted qa_counted_question[]) RETURNS void LANGUAGE sql AS $$
    UPDATE products p SET question_count = p.question_count + d.questions, answered_count = p.answered_count + d.answered
    FROM (SELECT product_id, sum(sign)::int AS questions, coalesce(sum(sign) FILTER (WHERE answered), 0)::int AS answered
          FROM unnest(counted) GROUP BY product_id) d
    WHERE p.id = d.product_id AND (d.questions <> 0 OR d.answered <> 0)
$$;

CREATE FUNCTION qa_questions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM qa_count_questions(ARRAY(
            SELECT (product_id, 1, answer_count > 0)::qa_counted_question FROM new_rows WHERE status = 'approved'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM qa_count_questions(ARRAY(
            SELECT (product_id, -1, answer_count > 0)::qa_counted_question FROM old_rows WHERE status = 'approved'));
    ELSE
        PERFORM qa_count_questions(ARRAY(
            SELECT (product_id, 1, answer_count > 0)::qa_counted_question FROM new_rows WHERE status = 'approved'
            UNION ALL
            SELECT (product_id, -1, answer_count > 0)::qa_counted_question FROM old_rows WHERE status = 'approved'));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER questions_counted_inserted AFTER INSERT ON questions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_counted();
CREATE TRIGGER questions_counted_updated AFTER UPDATE ON questions
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_counted();
CREATE TRIGGER questions_counted_deleted AFTER DELETE ON questions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_counted();

-- The rows whose read model differs from a recount of the approved rows: none, unless something wrote with the triggers
-- disabled. A check for tests and operators; at full scale it reads every question and answer (minutes).
CREATE FUNCTION qa_read_model_drift() RETURNS TABLE (kind text, id bigint) LANGUAGE sql STABLE AS $$
    SELECT 'product', p.id FROM products p
    CROSS JOIN LATERAL (SELECT count(*)::int AS questions, count(*) FILTER (WHERE q.answer_count > 0)::int AS answered
                        FROM questions q WHERE q.product_id = p.id AND q.status = 'approved') c
    WHERE (p.question_count, p.answered_count) IS DISTINCT FROM (c.questions, c.answered)
    UNION ALL
    SELECT 'question', q.id FROM questions q
    CROSS JOIN LATERAL (SELECT count(*)::int AS answers, coalesce(max(a.created_at), '-infinity') AS latest
                        FROM answers a WHERE a.question_id = q.id AND a.status = 'approved') c
    WHERE (q.answer_count, q.last_answered_at, q.top_answers) IS DISTINCT FROM (c.answers, c.latest, qa_top_answers(q.id))
$$;
