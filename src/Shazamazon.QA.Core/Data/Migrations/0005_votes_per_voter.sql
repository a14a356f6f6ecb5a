-- One vote per voter per item (../shared/API.md, "Votes"): each vote is a row keyed by item and voter, and the item's
-- helpful count moves with the rows (+1 for a new up vote, +2 for a down vote turned up, nothing for a repeat), in the
-- statement that writes the row, so concurrent voters are counted exactly. Counts imported or set through the legacy
-- /updateVote stay as they are: votes move them from there.
CREATE TABLE question_votes (
    question_id bigint      NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    voted_at    timestamptz NOT NULL DEFAULT now(),
    direction   smallint    NOT NULL CHECK (direction IN (-1, 1)),
    voter       text        NOT NULL CHECK (length(voter) BETWEEN 1 AND 64),
    PRIMARY KEY (question_id, voter)
);

CREATE TABLE answer_votes (
    answer_id   bigint      NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    voted_at    timestamptz NOT NULL DEFAULT now(),
    direction   smallint    NOT NULL CHECK (direction IN (-1, 1)),
    voter       text        NOT NULL CHECK (length(voter) BETWEEN 1 AND 64),
    PRIMARY KEY (answer_id, voter)
);
