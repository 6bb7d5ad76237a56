-- A debtor's grade on a day (debtor_score_on) and its current grade (debtor_current_score) are read for every debtor
-- of the dashboard's exposure by grade and of the whole book's watchlist (the grade now and 30 days ago): at 1,000,000
-- invoices 22,367 debtors, each a probe of an index and then a read of its score's row, which carries the score's
-- inputs, components and reasons (JSON) and so lies on a page of its own most of the time. With the grade and the score
-- in the indexes these lookups read the index alone (risk scores are only ever inserted, so their pages are soon all
-- visible): the exposure statement 334-361 ms to 249-273 ms; the watchlist of every debtor 632-772 ms to 421-511 ms.
CREATE INDEX ix_risk_score_debtor_as_of_grade ON risk_score (debtor_id, as_of DESC, scored_at DESC, id DESC)
    INCLUDE (grade, score);
DROP INDEX ix_risk_score_debtor_as_of;
ALTER INDEX ix_risk_score_debtor_as_of_grade RENAME TO ix_risk_score_debtor_as_of;
CREATE INDEX ix_risk_score_id_grade ON risk_score (id) INCLUDE (grade, score);
ANALYZE risk_score;
