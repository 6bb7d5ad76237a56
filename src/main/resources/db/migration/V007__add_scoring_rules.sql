-- The rest of the scoring model joins the versioned configuration, so that a score's model version pins every
-- rule it was computed with: the blend inside payment behaviour, the credibility constant k, the trend rule,
-- the bureau decay and the past-due cap.
ALTER TABLE scoring_weights ADD COLUMN rules JSONB;

UPDATE scoring_weights
SET rules = '{"paymentBlend": {"adbt": 0.60, "onTime": 0.25, "openItems": 0.15},
              "credibilityK": 10,
              "trend": {"minRecentInvoices": 3, "pointsPerDay": 0.5, "maxPoints": 10},
              "bureauDecay": {"freshDays": 180, "neutralDays": 365, "neutralScore": 50},
              "pastDueCap": {"daysPastDue": 60, "maxScore": 40}}';

ALTER TABLE scoring_weights ALTER COLUMN rules SET NOT NULL;
