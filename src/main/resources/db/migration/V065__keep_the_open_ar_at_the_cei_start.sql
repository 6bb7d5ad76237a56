-- The open AR at the start of the dashboard's 90-day window (the collection effectiveness index's AR at start, as of
-- the day minus 90), stored once computed for a scope and a day and read from there while it is right, as the trends'
-- month ends are (V038): a past day's open AR moves only by a late or back-dated change, which portfolio_book_change
-- records with the earliest business day it touched. At 1,000,000 invoices the open AR of a past day sums each
-- invoice open then from its allocations and credit notes by then (0.30 s of the figures statement's 0.72), on every
-- dashboard and summary; today's open AR is read from the kept totals (V057) and is not stored.
--
-- Stale, as a month end: a change on or before its day, in its scope, that its computation could not see (written
-- after its snapshot, or by the transaction that stored it). Written by the trends' read of the dashboard (which
-- holds ROW EXCLUSIVE on this table from before its snapshot until it commits) and removed, when stale, by the trends'
-- hourly clean-up before it deletes the changes (PortfolioTrends.cleanUp locks both tables).
CREATE TABLE portfolio_open_ar_snapshot (
    day            DATE          NOT NULL,
    client_id      BIGINT        NOT NULL,  -- 0: every client
    debtor_id      BIGINT        NOT NULL,  -- 0: every debtor
    version        INTEGER       NOT NULL,  -- of the figures' definitions (PortfolioTrends)
    computed_in    xid8          NOT NULL,  -- the transaction that stored the row
    computed_after pg_snapshot   NOT NULL,  -- what that transaction could see before reading
    computed_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    open_ar        NUMERIC(19,2) NOT NULL,
    CONSTRAINT pk_portfolio_open_ar_snapshot PRIMARY KEY (client_id, debtor_id, day)
);
