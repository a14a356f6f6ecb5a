-- Search that costs an index lookup: each question keeps its search vector (its body, weight A, and the text of its
-- visible answers, weight B), maintained by triggers as questions and answers change, and a GIN index over
-- (product, vector), so a search reads the matching questions of one product and tokenises nothing.
-- The fill below rewrites every question once: at full scale (~19M questions) it is the longest migration.
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE questions ADD COLUMN search_vector tsvector;

-- The one definition of a question's vector, for the triggers.
CREATE FUNCTION qa_search_vector(question_id bigint, body text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', body), 'A')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(a.body, ' ' ORDER BY a.id) FROM answers a WHERE a.question_id = $1 AND NOT a.reported), '')), 'B')
$$;

-- The same vectors in one set-based pass, for questions that have none (after this migration, and after a bulk load,
-- which loads with triggers disabled): a hash join instead of one answers lookup per question.
CREATE FUNCTION qa_fill_search_vectors() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    filled bigint;
BEGIN
    UPDATE questions q
    SET search_vector = setweight(to_tsvector('english', q.body), 'A') || setweight(to_tsvector('english', coalesce(t.text, '')), 'B')
    FROM (SELECT q2.id, string_agg(a.body, ' ' ORDER BY a.id) AS text
          FROM questions q2 LEFT JOIN answers a ON a.question_id = q2.id AND NOT a.reported
          WHERE q2.search_vector IS NULL
          GROUP BY q2.id) t
    WHERE q.id = t.id;
    GET DIAGNOSTICS filled = ROW_COUNT;
    RETURN filled;
END $$;

-- Filling vectors changes no product's Q&A: the change trigger stays out of it (it would announce every product).
ALTER TABLE questions DISABLE TRIGGER questions_updated;
SELECT qa_fill_search_vectors();
ALTER TABLE questions ENABLE TRIGGER questions_updated;

CREATE INDEX questions_search ON questions USING gin (product_id, search_vector) WHERE NOT reported;

CREATE FUNCTION qa_question_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := qa_search_vector(NEW.id, NEW.body);
    RETURN NEW;
END $$;

CREATE TRIGGER questions_search_vector BEFORE INSERT OR UPDATE OF body ON questions
    FOR EACH ROW EXECUTE FUNCTION qa_question_search_vector();

CREATE FUNCTION qa_refresh_search_vectors(question_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE questions SET search_vector = qa_search_vector(id, body) WHERE id = ANY (question_ids)
$$;

CREATE FUNCTION qa_answers_inserted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(SELECT DISTINCT question_id FROM new_rows WHERE NOT reported));
    RETURN NULL;
END $$;

-- Votes change neither text nor visibility: only a changed body, report state or question refreshes vectors.
CREATE FUNCTION qa_answers_updated_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(
        SELECT n.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.body IS DISTINCT FROM o.body OR n.reported IS DISTINCT FROM o.reported OR n.question_id <> o.question_id
        UNION
        SELECT o.question_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.question_id <> o.question_id));
    RETURN NULL;
END $$;

CREATE FUNCTION qa_answers_deleted_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_refresh_search_vectors(ARRAY(SELECT DISTINCT question_id FROM old_rows WHERE NOT reported));
    RETURN NULL;
END $$;

CREATE TRIGGER answers_inserted_search AFTER INSERT ON answers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_inserted_search();
CREATE TRIGGER answers_updated_search AFTER UPDATE ON answers
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_updated_search();
CREATE TRIGGER answers_deleted_search AFTER DELETE ON answers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_deleted_search();
