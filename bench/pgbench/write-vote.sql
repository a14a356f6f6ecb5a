-- The edge's vote on a question (POST /api/v1/questions/{id}/votes): the statement of
-- src/Shazamazon.QA.Core/Writes/QaWriter.cs (a test, BenchStatementTests, holds them equal), on a random question, as
-- one voter turning its vote at random. With write-question.sql and write-answer.sql in bench/run.sh's mixed shares:
--   pgbench -n -M prepared -c 8 -j 2 -T 20 -f write-vote.sql@60 -f write-question.sql@20 -f write-answer.sql@20 qa_full
\set qid random(1, 25000000)
\set direction random(0, 1) * 2 - 1
WITH item AS (SELECT id FROM questions WHERE id = :qid AND status = 'approved'),
     vote AS (
         INSERT INTO question_votes (question_id, voter, direction) SELECT id, 'pgbench', :direction FROM item
         ON CONFLICT (question_id, voter) DO UPDATE SET direction = EXCLUDED.direction, voted_at = now()
             WHERE question_votes.direction <> EXCLUDED.direction
         RETURNING CASE WHEN xmax = 0 THEN direction ELSE 2 * direction END AS delta),
     counted AS (UPDATE questions t SET helpful = t.helpful + vote.delta FROM vote WHERE t.id = :qid RETURNING t.id)
SELECT id FROM item;
