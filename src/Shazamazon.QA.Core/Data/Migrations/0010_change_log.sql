-- Changes are announced through a log that every node reads, no longer by NOTIFY at commit. A transaction that has
-- NOTIFYed takes the database's notification-queue lock before its commit record and keeps it until the commit is
-- flushed, so every writing transaction committed one after another, each waiting for the previous one's WAL flush
-- (docs/benchmarks.md, "where mixed's writes wait"). A row in this table costs one insert in the transaction that made
-- the change and no lock at commit; writes commit together again.
--
-- Each row names the writing transaction (its 64-bit id, as bigint), the product and its new version. A node reads the
-- log by transaction: at each poll it takes a snapshot and reads the rows of the transactions that committed since the
-- previous one, those numbered from that snapshot's xmax on and those that were still running then (its xip list).
-- Every committed change is read exactly once however the transactions interleave, and a transaction left open holds
-- back nothing but itself (DatabaseChangeListener).
CREATE TABLE qa_product_changes (
    xid        bigint NOT NULL,
    version    bigint NOT NULL,
    product_id bigint NOT NULL,
    PRIMARY KEY (xid, version)
);

CREATE FUNCTION qa_current_xid() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint';

CREATE OR REPLACE FUNCTION qa_touch_products(product_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH changed AS (
        UPDATE products SET version = nextval('qa_change_seq')
        WHERE id = ANY (product_ids)
        RETURNING id, version
    )
    INSERT INTO qa_product_changes (xid, version, product_id) SELECT qa_current_xid(), version, id FROM changed
$$;

CREATE OR REPLACE FUNCTION qa_product_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO qa_product_changes (xid, version, product_id) VALUES (qa_current_xid(), nextval('qa_change_seq'), OLD.id);
        RETURN OLD;
    END IF;
    NEW.version := nextval('qa_change_seq');
    INSERT INTO qa_product_changes (xid, version, product_id) VALUES (qa_current_xid(), NEW.version, NEW.id);
    RETURN NEW;
END $$;

-- The webhook dispatcher wakes when its node reads new changes from the log (every event is written with one).
DROP TRIGGER qa_events_written ON qa_events;
DROP FUNCTION qa_events_written();
