-- The scoring model a new desk starts with is the one calibration fitted on the demo book (DESIGN section 2b,
-- issue 8): version 2, fitted on matured invoices issued 2024-11..2026-04 and judged on those issued
-- 2026-05..2026-10 (the demo book's today is 2026-11-25), to maximise the ROC AUC for 30+ days late.
-- On the judge window it ranks 30+ days late at AUC 0.7912 (version 1: 0.7321) and late at all at 0.8250
-- (version 1: 0.8149). What it found: payment behaviour carries the score (0.80) with the bureau beside it
-- (0.20); disputes add nothing the payment history does not already say (0.00, their flags and reasons stay);
-- inside payment behaviour, days beyond terms (0.83) and the most overdue open item (0.17) rank better than the
-- share paid late, and the days-beyond-terms curve is steeper past 15 days. Version 1 stays readable.
--
-- Only a desk that has scored nobody yet starts on it: a desk with scores keeps the version it scores with, and
-- its admin calibrates on its own history from /admin/scoring.
INSERT INTO scoring_weights (version, payment_behaviour, bureau, disputes, created_at, created_by, adbt_curve,
                             dispute_rate_curve, bureau_scales, rules)
SELECT 2, 0.80, 0.20, 0.00, TIMESTAMPTZ '2026-11-25 00:00:00+00', 'system',
       '[[0, 100], [15, 71], [30, 16], [60, 0], [90, 0]]', v.dispute_rate_curve, v.bureau_scales,
       jsonb_set(v.rules, '{paymentBlend}', '{"adbt": 0.83, "onTime": 0.00, "openItems": 0.17}')
FROM scoring_weights v
WHERE v.version = 1
  AND NOT EXISTS (SELECT 1 FROM scoring_weights later WHERE later.version > 1)
  AND NOT EXISTS (SELECT 1 FROM risk_score);
