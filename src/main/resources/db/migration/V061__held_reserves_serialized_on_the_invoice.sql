-- V060's held reserves, exact when an advance and its invoice change in two transactions at once; V059's open books
-- exact for two values its guard let through (found in review, each shown wrong by hand before this change).
--
-- 1. A transaction that writes an advance and one that changes its invoice's status, side by side, each read the
--    other table without the other's change: an advance's reserve raised from 100 to 200 while its invoice was paid
--    kept 100 held for a paid invoice (+100 from the advance, seen funded; -100 from the invoice, its old reserve).
--    The invoice's row now orders them: an advance's change locks its invoices (FOR NO KEY UPDATE, in id order, as
--    V057's totals do) before reading their status, and a change of the invoice holds that row until it commits.
--    Whichever comes second reads the first one's committed change (a PL/pgSQL statement takes a fresh snapshot in
--    READ COMMITTED), so the two changes add up to the one of the two together.
-- 2. One statement that changes both (a data-modifying WITH): both triggers then read the other table after the whole
--    statement, and the sum is not the change. An advance deleted with its invoice in one statement is refused (it
--    would keep the reserve held for ever); an advance and its invoice updated in one statement cannot be told from
--    two statements and must not be written: the application writes them in separate statements.
-- 3. open_book(NULL) read the kept books, where open_receivable(NULL) has no rows; and an invoice closed on
--    'infinity' is open for open_receivable but not in the kept books. NULL now takes the summed branch, and a
--    closing day must be a day.

CREATE OR REPLACE FUNCTION reserve_keep_held()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_TABLE_NAME = 'advance' THEN
        IF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM old_rows a WHERE NOT EXISTS (SELECT 1 FROM invoice i WHERE i.id = a.invoice_id))
            THEN
                RAISE EXCEPTION 'an advance and its invoice are deleted in one statement: the held reserve would be '
                    'left behind; delete the advance first, in a statement of its own';
            END IF;
            PERFORM 1 FROM invoice i WHERE i.id IN (SELECT invoice_id FROM old_rows) ORDER BY i.id FOR NO KEY UPDATE;
        ELSE
            PERFORM 1 FROM invoice i WHERE i.id IN (SELECT invoice_id FROM new_rows) ORDER BY i.id FOR NO KEY UPDATE;
        END IF;
    END IF;
    EXECUTE format($q$
        INSERT INTO client_reserve_held_change (client_id, amount)
        SELECT c.client_id, SUM(c.amount) FROM (%s) AS c(client_id, amount)
        GROUP BY c.client_id HAVING SUM(c.amount) <> 0$q$, TG_ARGV[0]);
    RETURN NULL;
END
$$;

ALTER TABLE invoice ADD CONSTRAINT ck_invoice_closed_on_a_day CHECK (closed_on < 'infinity'::date);

-- V059's open_book with NULL sent to the summed branch; otherwise the same.
CREATE OR REPLACE FUNCTION open_book(as_of DATE)
RETURNS TABLE (client_id BIGINT, debtor_id BIGINT, outstanding NUMERIC(19,2))
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT k.client_id, k.debtor_id, SUM(k.amount)
    FROM (SELECT b.client_id, b.debtor_id, b.outstanding AS amount FROM pair_book b
          UNION ALL
          SELECT c.client_id, c.debtor_id, c.amount FROM pair_book_change c) k
    WHERE as_of IS NOT NULL
      AND NOT (EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
               OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
               OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of)
               OR EXISTS (SELECT 1 FROM invoice i WHERE i.funded_on > as_of)
               OR EXISTS (SELECT 1 FROM invoice i WHERE COALESCE(i.closed_on, 'infinity'::date) > as_of
                                                     AND COALESCE(i.closed_on, 'infinity'::date) < 'infinity'::date)
               OR EXISTS (SELECT 1 FROM invoice i WHERE i.issue_date > as_of AND i.funded_on IS NOT NULL))
    GROUP BY k.client_id, k.debtor_id
    HAVING SUM(k.amount) <> 0
    UNION ALL
    SELECT o.client_id, o.debtor_id, SUM(o.outstanding)
    FROM open_receivable(as_of) o
    WHERE as_of IS NULL
       OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
       OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
       OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of)
       OR EXISTS (SELECT 1 FROM invoice i WHERE i.funded_on > as_of)
       OR EXISTS (SELECT 1 FROM invoice i WHERE COALESCE(i.closed_on, 'infinity'::date) > as_of
                                                     AND COALESCE(i.closed_on, 'infinity'::date) < 'infinity'::date)
       OR EXISTS (SELECT 1 FROM invoice i WHERE i.issue_date > as_of AND i.funded_on IS NOT NULL)
    GROUP BY o.client_id, o.debtor_id
$$;
