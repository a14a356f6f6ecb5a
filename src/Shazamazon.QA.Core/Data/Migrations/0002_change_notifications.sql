-- Every change to a product's Q&A, made by QaEdge or by anything else (a SQL console, a batch job), stamps the
-- product with a new version from qa_change_seq and announces "<product id>:<version>" on the channel
-- qa_product_changed when its transaction commits. Edge nodes LISTEN and evict that product everywhere.
-- Statement-level triggers with transition tables: a statement touching many rows of one product bumps it once.

CREATE FUNCTION qa_touch_products(product_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    FOR changed IN
        UPDATE products SET version = nextval('qa_change_seq')
        WHERE id = ANY (product_ids)
        RETURNING id, version
    LOOP
        PERFORM pg_notify('qa_product_changed', changed.id || ':' || changed.version);
    END LOOP;
END $$;

CREATE FUNCTION qa_questions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION qa_questions_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(
        SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION qa_questions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER questions_inserted AFTER INSERT ON questions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_inserted();
CREATE TRIGGER questions_updated AFTER UPDATE ON questions
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_updated();
CREATE TRIGGER questions_deleted AFTER DELETE ON questions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_deleted();

CREATE FUNCTION qa_answers_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(
        SELECT DISTINCT q.product_id FROM new_rows a JOIN questions q ON q.id = a.question_id));
    RETURN NULL;
END $$;

CREATE FUNCTION qa_answers_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(
        SELECT q.product_id FROM new_rows a JOIN questions q ON q.id = a.question_id
        UNION
        SELECT q.product_id FROM old_rows a JOIN questions q ON q.id = a.question_id));
    RETURN NULL;
END $$;

CREATE FUNCTION qa_answers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM qa_touch_products(ARRAY(
        SELECT DISTINCT q.product_id FROM old_rows a JOIN questions q ON q.id = a.question_id));
    RETURN NULL;
END $$;

CREATE TRIGGER answers_inserted AFTER INSERT ON answers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_inserted();
CREATE TRIGGER answers_updated AFTER UPDATE ON answers
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_updated();
CREATE TRIGGER answers_deleted AFTER DELETE ON answers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_deleted();

-- A product's own fields (name, category) changing, or the product going away.
CREATE FUNCTION qa_product_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('qa_product_changed', OLD.id || ':' || nextval('qa_change_seq'));
        RETURN OLD;
    END IF;
    NEW.version := nextval('qa_change_seq');
    PERFORM pg_notify('qa_product_changed', NEW.id || ':' || NEW.version);
    RETURN NEW;
END $$;

CREATE TRIGGER products_renamed BEFORE UPDATE OF name, category ON products
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.category IS DISTINCT FROM NEW.category)
    EXECUTE FUNCTION qa_product_renamed();
CREATE TRIGGER products_deleted BEFORE DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION qa_product_renamed();
