-- The scoring curves join the weights as versioned configuration: each version keeps the curve from days beyond
-- terms to a sub-score, from dispute rate to a sub-score, and each bureau's scale, as arrays of [x, y] points.

ALTER TABLE scoring_weights ADD COLUMN adbt_curve JSONB;
ALTER TABLE scoring_weights ADD COLUMN dispute_rate_curve JSONB;
ALTER TABLE scoring_weights ADD COLUMN bureau_scales JSONB;

UPDATE scoring_weights
SET adbt_curve = '[[0, 100], [15, 75], [30, 50], [60, 20], [90, 0]]',
    dispute_rate_curve = '[[0, 100], [0.05, 70], [0.15, 30], [0.25, 0]]',
    bureau_scales = '{"PAYDEX": [[30, 0], [40, 20], [50, 50], [70, 75], [80, 100]],
                      "INTELLISCORE": [[1, 0], [100, 100]],
                      "CREDITSAFE": [[0, 0], [100, 100]],
                      "GRAYDON": [[1, 0], [100, 100]]}'
WHERE version = 1;

ALTER TABLE scoring_weights ALTER COLUMN adbt_curve SET NOT NULL;
ALTER TABLE scoring_weights ALTER COLUMN dispute_rate_curve SET NOT NULL;
ALTER TABLE scoring_weights ALTER COLUMN bureau_scales SET NOT NULL;
