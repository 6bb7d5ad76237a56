-- The dashboard's dilution per client sums the face of each client's invoices issued in the trailing 12 months
-- (DESIGN section 5: gross invoiced), at 1,000,000 invoices a parallel scan of the whole invoice table (0.30 s of CPU
-- in three processes) on every dashboard and every dilution export. Read from this index alone (the issue dates of the
-- year, with the client, the funding day and the face), the same sums take 0.20 s of CPU, 0.12 s on the clock. It
-- replaces the index on the issue date alone (V001), which it answers as well.
CREATE INDEX ix_invoice_issue_sales ON invoice (issue_date) INCLUDE (client_id, funded_on, amount);
DROP INDEX ix_invoice_issue_date;
ANALYZE invoice;
