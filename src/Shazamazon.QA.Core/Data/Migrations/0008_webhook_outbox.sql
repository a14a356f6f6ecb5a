-- Webhooks (../shared/API.md, "Webhooks") from a transactional outbox: triggers write each event in the transaction of
-- the change it describes, so an event exists only if its write committed, whoever made the write (bulk loads
-- announce nothing: the seed and imports into empty tables run with triggers off, other imports set qa.bulk_import). One node at a time (the holder of an advisory lock) fans new events out to
-- the endpoints configured there and delivers them, in order per product and endpoint, retrying with backoff; what
-- keeps failing is kept as failed, to be listed and replayed.
CREATE TABLE qa_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  bigint      NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    fanned_out  boolean     NOT NULL DEFAULT false,
    type        text        NOT NULL,
    data        jsonb       NOT NULL
);

-- Events not yet handed to the endpoints: marked, not counted by id, so an event whose transaction commits after a
-- later-numbered one is still found.
CREATE INDEX qa_events_new ON qa_events (id) WHERE NOT fanned_out;

-- An event owed to an endpoint (by URL): pending until delivered (then deleted), failed once retry_until has passed.
CREATE TABLE qa_webhook_deliveries (
    url          text        NOT NULL,
    event_id     bigint      NOT NULL REFERENCES qa_events (id) ON DELETE CASCADE,
    product_id   bigint      NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    next_attempt timestamptz NOT NULL DEFAULT now(),
    retry_until  timestamptz NOT NULL,
    failed       boolean     NOT NULL DEFAULT false,
    last_error   text,
    PRIMARY KEY (url, event_id)
);

-- The head of each product's queue per endpoint, and the failed list.
CREATE INDEX qa_webhook_deliveries_pending ON qa_webhook_deliveries (url, product_id, event_id) WHERE NOT failed;
CREATE INDEX qa_webhook_deliveries_failed ON qa_webhook_deliveries (url, event_id) WHERE failed;

-- One announcement per statement that wrote events, so the delivering node wakes at once.
CREATE FUNCTION qa_events_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qa_events', '');
    RETURN NULL;
END $$;

CREATE TRIGGER qa_events_written AFTER INSERT ON qa_events FOR EACH STATEMENT EXECUTE FUNCTION qa_events_written();

-- The event triggers are named to fire after the change triggers of the same table (PostgreSQL fires them in name
-- order), so an event's id is taken once the write holds its product's row (migration 0002): a product's events are
-- numbered in the order their writes commit.
CREATE FUNCTION qa_questions_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO qa_events (product_id, type, data)
        SELECT n.product_id, 'question.created', jsonb_build_object('questionId', n.id, 'productId', n.product_id, 'body', n.body,
               'askerName', n.asker_name, 'createdAt', n.created_at, 'status', n.status)
        FROM new_rows n ORDER BY n.id;
    ELSE
        INSERT INTO qa_events (product_id, type, data)
        SELECT n.product_id, CASE n.status WHEN 'approved' THEN 'item.approved' ELSE 'item.rejected' END,
               jsonb_build_object('kind', 'question', 'id', n.id, 'productId', n.product_id)
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status AND n.status IN ('approved', 'rejected')
        ORDER BY n.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER questions_z_outbox_inserted AFTER INSERT ON questions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_events();
CREATE TRIGGER questions_z_outbox_updated AFTER UPDATE ON questions
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_questions_events();

-- An answer becoming visible (posted approved, or approved later) also answers its question.
CREATE FUNCTION qa_answers_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO qa_events (product_id, type, data)
        SELECT q.product_id, e.type, e.data
        FROM new_rows n
        JOIN questions q ON q.id = n.question_id
        CROSS JOIN LATERAL (VALUES
            (1, 'answer.created', jsonb_build_object('answerId', n.id, 'questionId', n.question_id, 'productId', q.product_id, 'body', n.body,
                'answererName', n.answerer_name, 'createdAt', n.created_at, 'status', n.status)),
            (2, CASE WHEN n.status = 'approved' THEN 'question.answered' END,
                jsonb_build_object('questionId', n.question_id, 'productId', q.product_id, 'answerId', n.id))) e(step, type, data)
        WHERE e.type IS NOT NULL
        ORDER BY n.id, e.step;
    ELSE
        INSERT INTO qa_events (product_id, type, data)
        SELECT q.product_id, e.type, e.data
        FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN questions q ON q.id = n.question_id
        CROSS JOIN LATERAL (VALUES
            (1, CASE n.status WHEN 'approved' THEN 'item.approved' ELSE 'item.rejected' END,
                jsonb_build_object('kind', 'answer', 'id', n.id, 'productId', q.product_id, 'questionId', n.question_id)),
            (2, CASE WHEN n.status = 'approved' THEN 'question.answered' END,
                jsonb_build_object('questionId', n.question_id, 'productId', q.product_id, 'answerId', n.id))) e(step, type, data)
        WHERE n.status IS DISTINCT FROM o.status AND n.status IN ('approved', 'rejected') AND e.type IS NOT NULL
        ORDER BY n.id, e.step;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER answers_z_outbox_inserted AFTER INSERT ON answers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_events();
CREATE TRIGGER answers_z_outbox_updated AFTER UPDATE ON answers
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answers_events();

-- A report: the item, its product and the reason (the reporter stays private).
CREATE FUNCTION qa_question_reports_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    INSERT INTO qa_events (product_id, type, data)
    SELECT q.product_id, 'item.reported', jsonb_build_object('kind', 'question', 'id', n.question_id, 'productId', q.product_id, 'reason', n.reason)
    FROM new_rows n JOIN questions q ON q.id = n.question_id
    ORDER BY n.question_id;
    RETURN NULL;
END $$;

CREATE FUNCTION qa_answer_reports_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF qa_bulk_import() THEN RETURN NULL; END IF;
    INSERT INTO qa_events (product_id, type, data)
    SELECT q.product_id, 'item.reported',
           jsonb_build_object('kind', 'answer', 'id', n.answer_id, 'productId', q.product_id, 'questionId', a.question_id, 'reason', n.reason)
    FROM new_rows n JOIN answers a ON a.id = n.answer_id JOIN questions q ON q.id = a.question_id
    ORDER BY n.answer_id;
    RETURN NULL;
END $$;

CREATE TRIGGER question_reports_z_outbox AFTER INSERT ON question_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_question_reports_events();
CREATE TRIGGER answer_reports_z_outbox AFTER INSERT ON answer_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qa_answer_reports_events();
