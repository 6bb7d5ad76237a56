-- exposure_on(d, zone): each invoice's share of exposure at the end of day d (DESIGN sections 4 and 5), rebuilt from
-- what is dated by then, for the portfolio's exposure and concentration as of a past date. Published by the approval
-- feature, which owns advances and decisions. The same definition as the exposure rows (debtor_exposure,
-- facility_exposure), which hold the present: ExposureOnIntegrationTests holds exposure_on(today) to them.
--   funded:   what is left of the advance of an invoice funded on or before d (advance.funded_on) and not closed by d
--             (paid, short paid, charged back or written off after d still counts): advance - the payments applied
--             to it with a receipt date on or before d and not reversed by d (invoice_balance, the one balance),
--             never below zero; a credit note does not reduce it;
--   reserved: the advance of the approval in force at the end of d, from the append-only decision records: the
--             invoice's latest decision taken before midnight ending d in the desk's time zone moved it to APPROVED
--             or AWAITING_SECOND_APPROVAL (a HELD approval reserves nothing), and it was not funded by d.
-- A decision is a moment (decided_at); the desk's day of it is taken in its zone (factordesk.clock.zone).
CREATE FUNCTION exposure_on(as_of DATE, desk_zone TEXT)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, funded NUMERIC(19,2), reserved NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT i.id, i.client_id, i.debtor_id,
           CAST(GREATEST(0, a.amount - COALESCE(b.collected, 0)) AS NUMERIC(19,2)), CAST(0 AS NUMERIC(19,2))
    FROM advance a
    JOIN invoice i ON i.id = a.invoice_id
    LEFT JOIN invoice_balance(as_of) b ON b.invoice_id = a.invoice_id
    WHERE a.funded_on <= as_of AND (i.closed_on IS NULL OR i.closed_on > as_of)
    UNION ALL
    SELECT i.id, i.client_id, i.debtor_id, CAST(0 AS NUMERIC(19,2)), x.advance
    FROM invoice_decision x
    JOIN invoice i ON i.id = x.invoice_id
    WHERE x.to_status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL')
      AND x.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone
      AND NOT EXISTS (SELECT 1 FROM invoice_decision y
                      WHERE y.invoice_id = x.invoice_id AND y.id > x.id
                        AND y.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone)
      AND NOT EXISTS (SELECT 1 FROM advance f WHERE f.invoice_id = x.invoice_id AND f.funded_on <= as_of)
$$;
