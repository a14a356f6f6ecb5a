-- Bulk imports (EdgeHost import) move millions of rows in one statement per table. The change triggers of 0002 would
-- then build arrays of every touched product and announce each one; instead the importer sets qa.bulk_import = 'on'
-- for its transaction, the triggers stand aside, and the importer stamps and announces the products itself (each
-- product when few changed, else the payload '*': every node flushes its cache).

CREATE FUNCTION qa_bulk_import() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('qa.bulk_import', true), '') = 'on'
$$;

CREATE OR REPLACE FUNCTION qa_questions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    PERFORM qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_questions_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    PERFORM qa_touch_products(ARRAY(
        SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    PERFORM qa_touch_products(ARRAY(
        SELECT DISTINCT q.product_id FROM new_rows a JOIN questions q ON q.id = a.question_id));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION qa_answers_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    PERFORM qa_touch_products(ARRAY(
        SELECT q.product_id FROM new_rows a JOIN questions q ON q.id = a.question_id
        UNION
        SELECT q.product_id FROM old_rows a JOIN questions q ON q.id = a.question_id));
    RETURN NULL;
END $$;
