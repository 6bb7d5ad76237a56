-- The whole book's credit sales kept per (issue date, funding day), so that the portfolio's DSO family reads a few
-- thousand rows instead of every invoice ever funded. The figures' credit sales of a window are the face of the
-- invoices funded on or before the day with an issue date in the window (DESIGN section 5), and the countback DSO
-- walks the months back from the day: the whole book's sales per issue date, over the whole history. At 1,000,000
-- invoices that was a parallel scan of the invoice table on every dashboard, summary and trend point (0.23 s, three
-- processes); the book's invoices have 4,282 distinct (issue date, funding day) pairs. A client's or a debtor's sales
-- are still summed from its invoices, through their indexes.
--
-- Lock-free for writers, as the open books (V059): a statement that funds, changes or deletes invoices adds a change
-- row per (issue date, funding day) it moved, in its own transaction; a compaction (OpenBooks.compact, scheduled,
-- once across instances) moves the committed changes into sales_day in one statement. A reader adds the kept sales
-- to the changes not yet compacted, in one snapshot: before or after a compaction's commit the sum is the same.
CREATE TABLE sales_day (
    issue_date DATE NOT NULL,
    funded_on DATE NOT NULL,
    amount NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (issue_date, funded_on)
);

CREATE TABLE sales_day_change (
    issue_date DATE NOT NULL,
    funded_on DATE NOT NULL,
    amount NUMERIC(19,2) NOT NULL
);

-- What a statement adds to the book's sales: the face of each funded invoice at its issue date and funding day.
-- TG_ARGV[0] lists the (issue_date, funded_on, amount) rows of a statement over its transition tables; a statement
-- that changes neither (a status, a kept total) adds nothing.
CREATE FUNCTION invoice_keep_sales_day()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO sales_day_change (issue_date, funded_on, amount)
        SELECT c.issue_date, c.funded_on, SUM(c.amount)
        FROM (%s) AS c(issue_date, funded_on, amount)
        GROUP BY c.issue_date, c.funded_on HAVING SUM(c.amount) <> 0$q$, TG_ARGV[0]);
    RETURN NULL;
END
$$;

CREATE TRIGGER invoice_sales_day_inserted AFTER INSERT ON invoice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_sales_day(
    'SELECT issue_date, funded_on, amount FROM new_rows WHERE funded_on IS NOT NULL');
CREATE TRIGGER invoice_sales_day_deleted AFTER DELETE ON invoice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_sales_day(
    'SELECT issue_date, funded_on, -amount FROM old_rows WHERE funded_on IS NOT NULL');
CREATE TRIGGER invoice_sales_day_updated AFTER UPDATE ON invoice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_sales_day(
    'SELECT issue_date, funded_on, amount FROM new_rows WHERE funded_on IS NOT NULL
     UNION ALL
     SELECT issue_date, funded_on, -amount FROM old_rows WHERE funded_on IS NOT NULL');

-- (A TRUNCATE of invoice is refused since V059.)

-- The book so far, with nothing written beside it.
LOCK TABLE invoice IN SHARE MODE;
INSERT INTO sales_day (issue_date, funded_on, amount)
SELECT issue_date, funded_on, SUM(amount)
FROM invoice
WHERE funded_on IS NOT NULL
GROUP BY issue_date, funded_on;

-- The whole book's credit sales per issue date as of the end of a day: the face of the invoices funded by then with
-- an issue date by then, per issue date (the days with none have no row), as
-- SELECT issue_date, SUM(amount) FROM invoice WHERE funded_on <= d AND issue_date <= d GROUP BY issue_date.
CREATE FUNCTION book_sales(as_of DATE)
RETURNS TABLE (issue_date DATE, sales NUMERIC(19,2))
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT k.issue_date, SUM(k.amount)
    FROM (SELECT s.issue_date, s.funded_on, s.amount FROM sales_day s
          UNION ALL
          SELECT c.issue_date, c.funded_on, c.amount FROM sales_day_change c) k
    WHERE k.funded_on <= as_of AND k.issue_date <= as_of
    GROUP BY k.issue_date
    HAVING SUM(k.amount) <> 0
$$;

ANALYZE sales_day;
