-- A debtor's name reduced to what tells one legal entity from another: lower case, without its legal form
-- (B.V., N.V., GmbH, Ltd, S.A., ...), spaces and punctuation, so that "ACME Trading B.V." and "Acme trading BV"
-- meet. An invoices import proposes each debtor it registers whose key (and country, when both have one) another
-- debtor shares as a likely duplicate of it.
CREATE FUNCTION debtor_name_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(
        regexp_replace(lower(name),
            '(^|[^a-z0-9])(b\.? ?v\.?|n\.? ?v\.?|v\.?o\.?f\.?|bvba|gmbh|ag|ltd\.?|limited|inc\.?|llc|s\.?a\.?s?|s\.?a\.?r\.?l\.?|s\.?r\.?l\.?|s\.?p\.?a\.?|plc|oy|ab)(?=$|[^a-z0-9])',
            '\1', 'g'),
        '[^a-z0-9]+', '', 'g');

CREATE INDEX ix_debtor_name_key ON debtor (debtor_name_key(name));
