-- The write path's functions keep their plans. Every write runs the change triggers, and they ran their statements
-- through two kinds of function that PostgreSQL 15 plans again at each call:
-- - functions in LANGUAGE sql that cannot be inlined (an UPDATE, a SELECT with FROM): their statements are parsed and
--   planned on every call (qa_touch_products, qa_count_questions, qa_top_answers, qa_search_vector: a sub-select
--   is enough to keep a function from being inlined);
-- - statements of PL/pgSQL functions taking an array: the plan cache compares a generic plan, estimated for an array
--   of unknown length, with the custom plan of a one-element array, finds the custom one cheaper and keeps planning one
--   per call (plan_cache_mode = auto).
-- Planning was a quarter of a vote's time in the database (perf of a backend running votes). Here the first kind
-- becomes PL/pgSQL, whose plans are kept for the session, and the functions taking arrays use their generic plan: an
-- index-driven nested loop over the array (the primary keys of products and questions, answers by question), right for
-- one element and for a million. The setting is part of each function's definition: a later CREATE OR REPLACE must
-- say it again. Measured with pgbench of the edge's three writes (bench/pgbench/write-*.sql, 8 clients, the full set):
-- docs/database.md, "the write path's plans".
CREATE OR REPLACE FUNCTION qa_touch_products(product_ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    WITH changed AS (
        UPDATE products SET version = nextval('qa_change_seq')
        WHERE id = ANY (product_ids)
        RETURNING id, version
    )
    INSERT INTO qa_product_changes (xid, version, product_id) SELECT qa_current_xid(), version, id FROM changed;
END $$;

CREATE OR REPLACE FUNCTION qa_count_questions(counted qa_counted_question[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    UPDATE products p SET question_count = p.question_count + d.questions, answered_count = p.answered_count + d.answered
    FROM (SELECT product_id, sum(sign)::int AS questions, coalesce(sum(sign) FILTER (WHERE answered), 0)::int AS answered
          FROM unnest(counted) GROUP BY product_id) d
    WHERE p.id = d.product_id AND (d.questions <> 0 OR d.answered <> 0);
END $$;

CREATE OR REPLACE FUNCTION qa_top_answers(question_id bigint) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_agg(qa_inline_answer(t.a) ORDER BY (t.a).helpful DESC, (t.a).id DESC), '[]')
            FROM (SELECT a FROM answers a WHERE a.question_id = $1 AND a.status = 'approved'
                  ORDER BY a.helpful DESC, a.id DESC LIMIT qa_top_answer_count()) t);
END $$;

CREATE OR REPLACE FUNCTION qa_search_vector(question_id bigint, body text) RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN setweight(to_tsvector('english', $2), 'A')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(a.body, ' ' ORDER BY a.id) FROM answers a WHERE a.question_id = $1 AND a.status = 'approved'), '')), 'B');
END $$;

ALTER FUNCTION qa_refresh_questions(bigint[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION qa_refresh_top_answers(bigint[]) SET plan_cache_mode = force_generic_plan;
