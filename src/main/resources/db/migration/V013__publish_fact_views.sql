-- What the lower features publish for the SQL of the features above them (DESIGN section 6): the facts behind a
-- debtor's disputes (invoice), its bureau readings (debtor) and a client's facility terms (client). The identity
-- tables (client, debtor, invoice: keys, references, names, dates, amounts, status) may be joined by the features
-- above their owner; every other table is read only by its owner or through what it publishes here, in V010
-- (invoice_balance, open_receivable) and in V011 (debtor_current_score). SqlBoundariesTests keeps it so.

CREATE VIEW dispute_fact AS
SELECT id AS dispute_id, invoice_id, reason, opened_on, amount, resolved_on, outcome
FROM dispute;

CREATE VIEW bureau_reading AS
SELECT debtor_id, provider, score, as_of
FROM bureau_score;

CREATE VIEW facility_terms AS
SELECT client_id, facility_limit, default_advance_rate, recourse, recourse_days, notification, concentration_limit,
       currency, fee_structure, fee_period_days, day_count, client_fee_discount
FROM facility;
