-- The edge's miss for a question page (sort=helpful, page 1, count 5): the statement of
-- src/Shazamazon.QA.Core/Sources/DatabaseSource.cs (a test, BenchStatementTests, holds them equal). bench/run.sh
-- prepends the line that draws :pid. Its limit is bench/pgbench/baseline-page.sql, the statement before the read model.

WITH product AS (
    SELECT p.version, p.name, p.category, p.question_count AS total
    FROM products p WHERE p.id = :pid),
walk AS MATERIALIZED (
    SELECT CASE WHEN true AND pr.total > 0 + 5 THEN ARRAY(
               SELECT id FROM questions WHERE product_id = :pid AND status = 'approved' ORDER BY helpful DESC, id DESC) END AS ids
    FROM product pr),
page AS (
    SELECT id, body, asker_name, created_at, helpful, answer_count, last_answered_at, top_answers,
           row_number() OVER (ORDER BY helpful DESC, id DESC) AS ord
    FROM questions
    WHERE product_id = :pid AND status = 'approved'
    ORDER BY helpful DESC, id DESC
    OFFSET 0 LIMIT 5)
SELECT pr.version, pr.name, pr.category, pr.total,
       q.id, q.body, q.asker_name, q.created_at, q.helpful, q.answer_count, q.top_answers,
       q.last_answered_at, CASE WHEN q.ord = 1 THEN (SELECT ids FROM walk) END
FROM product pr
LEFT JOIN page q ON true
ORDER BY q.ord;
