-- The portfolio means a thin file is shrunk toward, kept per as-of date and scoring version, so that the score of
-- one debtor as of a date costs one debtor instead of an aggregate of the whole portfolio: the mean payment history
-- part (before credibility shrinkage, over the debtors with paid invoices, each debtor once) and the portfolio's
-- dispute rates by count and by amount (open disputes counted twice, over all invoices issued in the trailing 365
-- days). The scoring run writes the row of its day; an as-of score reads it, or computes and stores it once. Kept
-- unrounded (NUMERIC without a scale): a score is rounded once, at the end.
CREATE TABLE risk_portfolio_means (
    as_of                   DATE        NOT NULL,
    model_version           INTEGER     NOT NULL,
    payment_history         NUMERIC     NOT NULL,
    debtors_with_history    INTEGER     NOT NULL,
    dispute_rate_by_count   NUMERIC     NOT NULL,
    dispute_rate_by_amount  NUMERIC     NOT NULL,
    invoices                INTEGER     NOT NULL,
    computed_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT pk_risk_portfolio_means PRIMARY KEY (model_version, as_of),
    CONSTRAINT fk_risk_portfolio_means_model FOREIGN KEY (model_version) REFERENCES scoring_weights (version),
    CONSTRAINT ck_risk_portfolio_means_history CHECK (payment_history BETWEEN 0 AND 100),
    CONSTRAINT ck_risk_portfolio_means_rates CHECK (dispute_rate_by_count >= 0 AND dispute_rate_by_amount >= 0),
    CONSTRAINT ck_risk_portfolio_means_counts CHECK (debtors_with_history >= 0 AND invoices >= 0)
);

-- Dispute rates are shrunk toward the portfolio's with their own credibility constant k, versioned with the other
-- rules; every version so far scored with 10.
UPDATE scoring_weights SET rules = rules || '{"disputeCredibilityK": 10}' WHERE NOT rules ? 'disputeCredibilityK';
