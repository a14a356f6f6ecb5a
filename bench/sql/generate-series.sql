-- The server-side baseline for the seed's speed (issue "Performance at full scale": seeding takes at most 1.5 x the
-- time of generating the same rows server-side). Run on a freshly migrated, empty database:
--   psql -v products=10000000 -f bench/sql/generate-series.sql
-- Rows of the seed's shape and sizes (2.5 questions and 4 answers per product; bodies of ~35 and ~60 characters,
-- names of ~7, e-mails of ~20), loaded as the seed loads them: keys, indexes and foreign keys dropped, the rows
-- inserted, then rebuilt and analyzed. \timing prints each step; their sum is the baseline.
\timing on
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
ALTER TABLE answers DROP CONSTRAINT answers_question_id_fkey;
ALTER TABLE questions DROP CONSTRAINT questions_product_id_fkey;
ALTER TABLE answers DROP CONSTRAINT answers_pkey;
ALTER TABLE questions DROP CONSTRAINT questions_pkey;
ALTER TABLE products DROP CONSTRAINT products_pkey;
DROP INDEX questions_by_product_helpful, questions_by_product_newest, answers_by_question_helpful;
ALTER TABLE products DISABLE TRIGGER USER;
ALTER TABLE questions DISABLE TRIGGER USER;
ALTER TABLE answers DISABLE TRIGGER USER;

INSERT INTO products (id, name, category)
SELECT i, 'Product ' || lpad(i::text, 8, '0') || ' Pro', 'cat' || (i % 97)
FROM generate_series(1, :products) i;

INSERT INTO questions (id, product_id, created_at, helpful, status, body, asker_name, asker_email)
SELECT q, (q - 1) / 5 * 2 % :products + 1 + (q - 1) % 5 % 2,
       timestamptz '2019-01-01' + (q % 100000) * interval '5 minutes', (q * 7) % 40, (CASE WHEN q % 100 = 0 THEN 'pending' ELSE 'approved' END)::qa_status,
       'Does model ' || q || ' hold up well in the rain?', 'user' || (q % 999), 'user' || (q % 999) || '@mail.example'
FROM generate_series(1, :products * 5 / 2) q;

INSERT INTO answers (id, question_id, created_at, helpful, status, body, answerer_name, answerer_email)
SELECT a, (a - 1) % (:products * 5 / 2) + 1,
       timestamptz '2019-02-01' + (a % 100000) * interval '5 minutes', (a * 3) % 30, (CASE WHEN a % 100 = 0 THEN 'pending' ELSE 'approved' END)::qa_status,
       'Yes, answer ' || a || ' says it holds up well, even in heavy rain.', 'user' || (a % 997), 'user' || (a % 997) || '@mail.example'
FROM generate_series(1, :products * 4) a;

ALTER TABLE products ADD CONSTRAINT products_pkey PRIMARY KEY (id);
ALTER TABLE questions ADD CONSTRAINT questions_pkey PRIMARY KEY (id);
ALTER TABLE answers ADD CONSTRAINT answers_pkey PRIMARY KEY (id);
CREATE INDEX questions_by_product_helpful ON questions (product_id, helpful DESC, id DESC) WHERE status = 'approved';
CREATE INDEX questions_by_product_newest ON questions (product_id, created_at DESC, id DESC) WHERE status = 'approved';
CREATE INDEX answers_by_question_helpful ON answers (question_id, helpful DESC, id DESC) WHERE status = 'approved';
ALTER TABLE questions ADD CONSTRAINT questions_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id);
ALTER TABLE answers ADD CONSTRAINT answers_question_id_fkey FOREIGN KEY (question_id) REFERENCES questions (id);
ALTER TABLE products ENABLE TRIGGER USER;
ALTER TABLE questions ENABLE TRIGGER USER;
ALTER TABLE answers ENABLE TRIGGER USER;
ANALYZE products, questions, answers;
SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;
