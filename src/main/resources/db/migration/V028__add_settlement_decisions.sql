-- Settlement decisions (DESIGN section 4b, issue 10): a credit note entered by hand on a funded invoice, a
-- partially paid invoice closed as short paid, a recourse invoice charged back, a non-recourse invoice written off,
-- and a bounced payment that reopens the invoices it paid are decisions on the invoice, recorded with who, when and
-- why like the workbench's.
ALTER TABLE invoice_decision DROP CONSTRAINT ck_invoice_decision_kind;
ALTER TABLE invoice_decision ADD CONSTRAINT ck_invoice_decision_kind CHECK (kind IN ('APPROVE', 'SECOND_APPROVAL',
    'HOLD', 'RELEASE', 'CHANGE', 'WITHDRAW', 'LAPSE', 'REJECT', 'REOPEN', 'VERIFICATION_REQUESTED', 'VERIFIED',
    'VERIFICATION_FAILED', 'FUND', 'LIMIT_LOWERED', 'CREDIT_NOTE', 'SHORT_PAY', 'CHARGEBACK', 'WRITE_OFF',
    'REVERSAL'));

-- debtor_score_on(debtor, d): the debtor's score snapshot in force on day d (the newest one as of d or earlier), or
-- no row. Published by the risk feature for settlement: an advance taken over without a fee rate (an imported
-- book) is priced at the pricing band in force on its funding day for the debtor's score then.
CREATE FUNCTION debtor_score_on(p_debtor_id BIGINT, p_as_of DATE)
RETURNS TABLE (debtor_id BIGINT, snapshot_id BIGINT, score NUMERIC(4,1), grade VARCHAR(1), as_of DATE)
LANGUAGE sql STABLE
AS $$
    SELECT r.debtor_id, r.id, r.score, r.grade, r.as_of
    FROM risk_score r
    WHERE r.debtor_id = p_debtor_id AND r.as_of <= p_as_of
    ORDER BY r.as_of DESC, r.scored_at DESC, r.id DESC
    LIMIT 1
$$;
