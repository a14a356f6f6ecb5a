-- The edge's new answer (POST /api/v1/questions/{id}/answers): the statement of
-- src/Shazamazon.QA.Core/Writes/QaWriter.cs (a test, BenchStatementTests, holds them equal), approved, on a random
-- question. See write-vote.sql.
\set qid random(1, 25000000)
INSERT INTO answers (question_id, body, answerer_name, answerer_email, status)
SELECT id, 'It does, measured.', 'pgbench', 'pgbench@example.com', 'approved'::qa_status FROM questions WHERE id = :qid AND status = 'approved'
RETURNING id, created_at;
