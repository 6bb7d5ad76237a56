-- Issue 12: an import opens a client and registers a debtor that it names for the first time; a file
-- gives a client's ref only and a debtor's name, with its registration number and country when it has
-- them. What a file does not say stays unknown (NULL) until someone records it: no made-up value.
-- The unique constraints on the registration numbers hold for the numbers that are known.
ALTER TABLE client
    ALTER COLUMN registration_number DROP NOT NULL,
    ALTER COLUMN country DROP NOT NULL,
    ALTER COLUMN industry DROP NOT NULL;

ALTER TABLE debtor
    ALTER COLUMN registration_number DROP NOT NULL,
    ALTER COLUMN country DROP NOT NULL,
    ALTER COLUMN industry DROP NOT NULL;
