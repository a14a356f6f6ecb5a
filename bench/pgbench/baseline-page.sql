-- The benchmark's limit: the edge's miss for a question page (sort=helpful, page 1, count 5) as it was before the read
-- model of migration 0009 (commit a1ecdd6): it counts the product's questions, counts each question's answers and reads
-- each question's top answers from their index. bench/run.sh measures it with pgbench in every run, so that each
-- scenario's ratio to it shows what the read model gained; bench/pgbench/page.sql is today's statement.
-- bench/run.sh prepends the line that draws :pid.

WITH product AS (
    SELECT p.version, p.name, p.category,
           (SELECT count(*) FROM questions q WHERE q.product_id = p.id AND q.status = 'approved')::int AS total
    FROM products p WHERE p.id = :pid),
walk AS MATERIALIZED (
    SELECT CASE WHEN true AND pr.total > 0 + 5 THEN ARRAY(
               SELECT id FROM questions WHERE product_id = :pid AND status = 'approved' ORDER BY helpful DESC, id DESC) END AS ids
    FROM product pr),
page AS (
    SELECT id, body, asker_name, created_at, helpful, answer_count, last_answered_at, row_number() OVER (ORDER BY helpful DESC, id DESC) AS ord
    FROM questions
    WHERE product_id = :pid AND status = 'approved'
    ORDER BY helpful DESC, id DESC
    OFFSET 0 LIMIT 5)
SELECT pr.version, pr.name, pr.category, pr.total,
       q.id, q.body, q.asker_name, q.created_at, q.helpful,
       (SELECT count(*) FROM answers c WHERE c.question_id = q.id AND c.status = 'approved')::int,
       a.id, a.body, a.answerer_name, a.created_at, a.helpful,
       q.answer_count, q.last_answered_at, CASE WHEN q.ord = 1 THEN (SELECT ids FROM walk) END
FROM product pr
LEFT JOIN (
    page q
    LEFT JOIN LATERAL (
        SELECT id, body, answerer_name, created_at, helpful
        FROM answers
        WHERE question_id = q.id AND status = 'approved'
        ORDER BY helpful DESC, id DESC
        LIMIT 5) a ON true) ON true
ORDER BY q.ord, a.helpful DESC, a.id DESC;
