-- The trends of the portfolio dashboard (issue 11): each headline figure as of the 12 month ends up to a date, for
-- the portfolio, a client, a debtor or a client's debtor. A past month end's figures are stored once computed
-- (portfolio_trend_snapshot) and served from there while nothing dated on or before that month end changed since.
--
-- What changed is recorded by statement-level triggers (transition tables, one row per statement, not per row) on
-- the tables the figures are computed from: invoice (issue, due, amount, funding, closing), payment_allocation (a
-- receipt applied, moved or reversed), credit_note, dispute (opened, resolved), advance (funding) and settlement
-- (a short pay, chargeback or write-off, or its reversal). Each row says the earliest business day the statement
-- touched, the client and debtor when the statement touched only one of each, and the transaction that wrote it.
-- A stored month end is stale when a change on or before it, in its scope, was written by a transaction its
-- computation could not see: not visible in the PostgreSQL snapshot taken before the figures were read (or by the
-- very transaction that stored it). That test holds whatever the commit order of concurrent writers: a change
-- committed while a month end was being computed is not in that snapshot, so the stored figures are recomputed at
-- the next read. The portfolio feature owns both tables and the trigger functions: a read model kept by the
-- writes, as an index is; the features that write those tables neither read nor know them.
--
-- Changes that no stored month end needs any more are removed by PortfolioTrends' hourly clean-up, which first
-- locks the snapshot table against computations in flight (each computation holds ROW EXCLUSIVE on it from before
-- its snapshot until it commits), removes the stale month ends, then every committed change.

CREATE TABLE portfolio_trend_snapshot (
    month_end                      DATE          NOT NULL,
    client_id                      BIGINT        NOT NULL,  -- 0: every client
    debtor_id                      BIGINT        NOT NULL,  -- 0: every debtor
    version                        INTEGER       NOT NULL,  -- of the figures' definitions (PortfolioTrends)
    computed_in                    xid8          NOT NULL,  -- the transaction that stored the row
    computed_after                 pg_snapshot   NOT NULL,  -- what that transaction could see before reading
    computed_at                    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    open_ar                        NUMERIC(19,2) NOT NULL,
    current_ar                     NUMERIC(19,2) NOT NULL,
    sales_90                       NUMERIC(19,2) NOT NULL,
    dso_90                         NUMERIC,
    dso_countback                  NUMERIC,
    best_possible_dso              NUMERIC,
    average_days_delinquent        NUMERIC,
    collection_effectiveness_index NUMERIC,
    days_beyond_terms              NUMERIC,
    at_risk_rate                   NUMERIC,
    dilution_rate                  NUMERIC,
    CONSTRAINT pk_portfolio_trend_snapshot PRIMARY KEY (client_id, debtor_id, month_end),
    CONSTRAINT ck_portfolio_trend_snapshot_month_end
        CHECK (month_end = CAST(date_trunc('month', month_end) + INTERVAL '1 month - 1 day' AS date))
);

CREATE TABLE portfolio_book_change (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    changed_in    xid8         NOT NULL DEFAULT pg_current_xact_id(),
    earliest_day  DATE         NOT NULL,
    client_id     BIGINT,      -- NULL: more than one client (or none known)
    debtor_id     BIGINT,      -- NULL: more than one debtor
    source        VARCHAR(32)  NOT NULL,
    CONSTRAINT pk_portfolio_book_change PRIMARY KEY (id)
);
CREATE INDEX ix_portfolio_book_change_day ON portfolio_book_change (earliest_day);

-- One trigger function for every table and event: its argument is the SELECT of the (day, client_id, debtor_id)
-- each row of the statement touched, over the transition tables new_rows and old_rows; it records the earliest day,
-- and the client and debtor when they are the same for every row. Rows whose day is NULL change nothing dated (an
-- invoice not funded yet, a status change alone).
CREATE FUNCTION portfolio_note_change()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO portfolio_book_change (earliest_day, client_id, debtor_id, source)
        SELECT MIN(t.day),
               CASE WHEN MIN(t.client_id) = MAX(t.client_id) AND COUNT(t.client_id) = COUNT(*) THEN MIN(t.client_id) END,
               CASE WHEN MIN(t.debtor_id) = MAX(t.debtor_id) AND COUNT(t.debtor_id) = COUNT(*) THEN MIN(t.debtor_id) END,
               %L
        FROM (%s) AS t(day, client_id, debtor_id)
        WHERE t.day IS NOT NULL
        HAVING COUNT(*) > 0$q$, TG_TABLE_NAME || ' ' || lower(TG_OP), TG_ARGV[0]);
    RETURN NULL;
END
$$;

-- invoice: an invoice counts from the later of its issue and funding days (invoice_balance); a change of its
-- parties, terms or funding from the earlier of the old and new such days; a closing (or its undoing) from the
-- earlier closing day. A status change alone (a payment recorded, an approval) changes nothing dated.
CREATE TRIGGER portfolio_invoice_inserted AFTER INSERT ON invoice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT CASE WHEN funded_on IS NOT NULL THEN GREATEST(issue_date, funded_on) END, client_id, debtor_id
     FROM new_rows');
CREATE TRIGGER portfolio_invoice_deleted AFTER DELETE ON invoice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT CASE WHEN funded_on IS NOT NULL THEN GREATEST(issue_date, funded_on) END, client_id, debtor_id
     FROM old_rows');
CREATE TRIGGER portfolio_invoice_updated AFTER UPDATE ON invoice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT c.day, x.client_id, x.debtor_id
     FROM (SELECT CASE WHEN (o.client_id, o.debtor_id, o.issue_date, o.due_date, o.amount, o.funded_on)
                            IS DISTINCT FROM (n.client_id, n.debtor_id, n.issue_date, n.due_date, n.amount, n.funded_on)
                       THEN LEAST(CASE WHEN o.funded_on IS NOT NULL THEN GREATEST(o.issue_date, o.funded_on) END,
                                  CASE WHEN n.funded_on IS NOT NULL THEN GREATEST(n.issue_date, n.funded_on) END)
                       WHEN o.closed_on IS DISTINCT FROM n.closed_on AND n.funded_on IS NOT NULL
                       THEN LEAST(o.closed_on, n.closed_on)
                  END AS day, o.client_id AS old_client, o.debtor_id AS old_debtor, n.client_id, n.debtor_id
           FROM old_rows o JOIN new_rows n ON n.id = o.id) c
     CROSS JOIN LATERAL (VALUES (c.client_id, c.debtor_id), (c.old_client, c.old_debtor)) AS x(client_id, debtor_id)');

-- payment_allocation: a receipt applied counts from the day it was received; its reversal (or the undoing of one)
-- from the reversal day; a moved allocation from the earliest of its days.
CREATE TRIGGER portfolio_allocation_inserted AFTER INSERT ON payment_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.received_on, i.client_id, i.debtor_id FROM new_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_allocation_deleted AFTER DELETE ON payment_allocation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.received_on, i.client_id, i.debtor_id FROM old_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_allocation_updated AFTER UPDATE ON payment_allocation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT c.day, i.client_id, i.debtor_id
     FROM (SELECT CASE WHEN (o.invoice_id, o.amount, o.received_on) IS DISTINCT FROM (n.invoice_id, n.amount, n.received_on)
                       THEN LEAST(o.received_on, n.received_on, o.reversed_on, n.reversed_on)
                       WHEN o.reversed_on IS DISTINCT FROM n.reversed_on
                       THEN LEAST(o.reversed_on, n.reversed_on)
                  END AS day, o.invoice_id AS old_invoice, n.invoice_id
           FROM old_rows o JOIN new_rows n ON n.id = o.id) c
     CROSS JOIN LATERAL (VALUES (c.invoice_id), (c.old_invoice)) AS x(invoice_id)
     JOIN invoice i ON i.id = x.invoice_id');

-- credit_note (issued), advance (funded): a row counts from its day, an update from the earlier of the old and new.
CREATE TRIGGER portfolio_credit_note_inserted AFTER INSERT ON credit_note
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.issued_on, i.client_id, i.debtor_id FROM new_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_credit_note_deleted AFTER DELETE ON credit_note
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.issued_on, i.client_id, i.debtor_id FROM old_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_credit_note_updated AFTER UPDATE ON credit_note
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT LEAST(o.issued_on, n.issued_on), i.client_id, i.debtor_id
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.invoice_id), (n.invoice_id)) AS x(invoice_id)
     JOIN invoice i ON i.id = x.invoice_id
     WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)');

CREATE TRIGGER portfolio_advance_inserted AFTER INSERT ON advance
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.funded_on, i.client_id, i.debtor_id FROM new_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_advance_deleted AFTER DELETE ON advance
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.funded_on, i.client_id, i.debtor_id FROM old_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_advance_updated AFTER UPDATE ON advance
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT LEAST(o.funded_on, n.funded_on), i.client_id, i.debtor_id
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.invoice_id), (n.invoice_id)) AS x(invoice_id)
     JOIN invoice i ON i.id = x.invoice_id
     WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)');

-- dispute: counts from the day it was opened; its resolution (or the undoing of one) alone from the earlier
-- resolution day (a dispute opened long ago and resolved today changes today's figures, not the past ones).
-- settlement (a short pay, chargeback or write-off): from the day it was settled; its reversal alone from the
-- reversal day.
CREATE TRIGGER portfolio_dispute_inserted AFTER INSERT ON dispute
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.opened_on, i.client_id, i.debtor_id FROM new_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_dispute_deleted AFTER DELETE ON dispute
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.opened_on, i.client_id, i.debtor_id FROM old_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_dispute_updated AFTER UPDATE ON dispute
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT CASE WHEN to_jsonb(o) - ''resolved_on'' - ''outcome'' IS DISTINCT FROM to_jsonb(n) - ''resolved_on'' - ''outcome''
                 THEN LEAST(o.opened_on, n.opened_on)
                 ELSE LEAST(o.resolved_on, n.resolved_on)
            END, i.client_id, i.debtor_id
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.invoice_id), (n.invoice_id)) AS x(invoice_id)
     JOIN invoice i ON i.id = x.invoice_id
     WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)');

CREATE TRIGGER portfolio_settlement_inserted AFTER INSERT ON settlement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.settled_on, i.client_id, i.debtor_id FROM new_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_settlement_deleted AFTER DELETE ON settlement
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT r.settled_on, i.client_id, i.debtor_id FROM old_rows r JOIN invoice i ON i.id = r.invoice_id');
CREATE TRIGGER portfolio_settlement_updated AFTER UPDATE ON settlement
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_note_change(
    'SELECT CASE WHEN to_jsonb(o) - ''reversed_on'' IS DISTINCT FROM to_jsonb(n) - ''reversed_on''
                 THEN LEAST(o.settled_on, n.settled_on, o.reversed_on, n.reversed_on)
                 ELSE LEAST(o.reversed_on, n.reversed_on)
            END, i.client_id, i.debtor_id
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.invoice_id), (n.invoice_id)) AS x(invoice_id)
     JOIN invoice i ON i.id = x.invoice_id
     WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)');
