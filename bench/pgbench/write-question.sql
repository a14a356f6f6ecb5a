-- The edge's new question (POST /api/v1/products/{id}/questions): the statement of
-- src/Shazamazon.QA.Core/Writes/QaWriter.cs (a test, BenchStatementTests, holds them equal), approved, on a product drawn
-- as bench/wrk/qa.lua draws readers' products (Zipf; pgbench's needs s > 1). See write-vote.sql.
\set pid random_zipfian(1, 10000000, 1.001)
INSERT INTO questions (product_id, body, asker_name, asker_email, status)
SELECT id, 'Does it work with the bench?', 'pgbench', 'pgbench@example.com', 'approved'::qa_status FROM products WHERE id = :pid
RETURNING id, created_at;
