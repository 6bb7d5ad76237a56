package com.factordesk.backtest;

import java.util.Arrays;

/**
 * An unregularised logistic regression fitted by Newton's method (iteratively reweighted
 * least squares): P(bad) = 1 / (1 + exp(-(b0 + b1 x1 + ... + bp xp))). The inputs are
 * standardised (mean 0, standard deviation 1 over the fitting rows) before the fit, which
 * keeps Newton's steps well conditioned; a column that does not vary there is left out
 * (its coefficient is 0). The coefficients are reported on the original scale. A pure
 * function.
 * <p>
 * Each iteration solves (X'WX) step = X'(y - p) with W = p (1 - p), by Gaussian
 * elimination with partial pivoting; it stops when no coefficient moves by more than 1e-9
 * or after 100 iterations (with perfectly separated data the maximum likelihood lies at
 * infinity, and the coefficients then only keep growing; the ranking they give is still
 * the right one).
 */
final class LogisticRegression {

	private static final int MAX_ITERATIONS = 100;

	private static final double TOLERANCE = 1e-9;

	private final double intercept;

	private final double[] coefficients;

	private LogisticRegression(double intercept, double[] coefficients) {
		this.intercept = intercept;
		this.coefficients = coefficients;
	}

	/**
	 * Fits the model on rows of inputs and their outcomes.
	 * @throws IllegalArgumentException when there are no rows, rows of unequal length or
	 * the outcomes do not differ
	 */
	static LogisticRegression fit(double[][] x, boolean[] bad) {
		if (x.length == 0 || x.length != bad.length) {
			throw new IllegalArgumentException("Need as many outcomes as rows, and at least one row");
		}
		int n = x.length;
		int p = x[0].length;
		int badCount = 0;
		for (boolean b : bad) {
			badCount += b ? 1 : 0;
		}
		if (badCount == 0 || badCount == n) {
			throw new IllegalArgumentException("Both outcomes are needed to fit, got " + badCount + " bad of " + n);
		}
		double[] mean = new double[p];
		double[] sd = new double[p];
		for (double[] row : x) {
			if (row.length != p) {
				throw new IllegalArgumentException("Every row needs " + p + " inputs");
			}
			for (int j = 0; j < p; j++) {
				mean[j] += row[j] / n;
			}
		}
		for (double[] row : x) {
			for (int j = 0; j < p; j++) {
				sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
			}
		}
		int[] used = new int[p];
		int m = 0;
		for (int j = 0; j < p; j++) {
			sd[j] = Math.sqrt(sd[j]);
			if (sd[j] > 1e-12 * Math.max(1, Math.abs(mean[j]))) {
				used[m++] = j;
			}
		}
		used = Arrays.copyOf(used, m);
		// the design matrix: an intercept and the standardised columns in use
		int k = m + 1;
		double[][] z = new double[n][k];
		for (int i = 0; i < n; i++) {
			z[i][0] = 1;
			for (int c = 0; c < m; c++) {
				z[i][c + 1] = (x[i][used[c]] - mean[used[c]]) / sd[used[c]];
			}
		}
		double[] beta = new double[k];
		beta[0] = Math.log((double) badCount / (n - badCount));
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double[][] hessian = new double[k][k];
			double[] gradient = new double[k];
			for (int i = 0; i < n; i++) {
				double[] row = z[i];
				double eta = 0;
				for (int a = 0; a < k; a++) {
					eta += beta[a] * row[a];
				}
				double prob = 1 / (1 + Math.exp(-eta));
				double w = Math.max(prob * (1 - prob), 1e-12);
				double residual = (bad[i] ? 1 : 0) - prob;
				for (int a = 0; a < k; a++) {
					gradient[a] += row[a] * residual;
					double wa = w * row[a];
					for (int b = 0; b <= a; b++) {
						hessian[a][b] += wa * row[b];
					}
				}
			}
			for (int a = 0; a < k; a++) {
				for (int b = a + 1; b < k; b++) {
					hessian[a][b] = hessian[b][a];
				}
			}
			double[] step = solve(hessian, gradient);
			double largest = 0;
			for (int a = 0; a < k; a++) {
				beta[a] += step[a];
				largest = Math.max(largest, Math.abs(step[a]));
			}
			if (largest < TOLERANCE) {
				break;
			}
		}
		double[] coefficients = new double[p];
		double intercept = beta[0];
		for (int c = 0; c < m; c++) {
			int j = used[c];
			coefficients[j] = beta[c + 1] / sd[j];
			intercept -= coefficients[j] * mean[j];
		}
		return new LogisticRegression(intercept, coefficients);
	}

	/**
	 * b0 on the original scale.
	 */
	double intercept() {
		return this.intercept;
	}

	/**
	 * b1..bp on the original scale (0 for a column left out).
	 */
	double[] coefficients() {
		return this.coefficients.clone();
	}

	/**
	 * The log-odds of a bad outcome for one row of inputs: higher is riskier.
	 */
	double logOdds(double[] row) {
		double eta = this.intercept;
		for (int j = 0; j < this.coefficients.length; j++) {
			eta += this.coefficients[j] * row[j];
		}
		return eta;
	}

	/**
	 * Solves a x = b for a square a, by Gaussian elimination with partial pivoting; a
	 * pivot that vanishes (inputs that are linear combinations of each other) gives a 0
	 * for that unknown, so the fit goes on with the others.
	 */
	static double[] solve(double[][] a, double[] b) {
		int k = b.length;
		double[][] m = new double[k][];
		for (int i = 0; i < k; i++) {
			m[i] = Arrays.copyOf(a[i], k + 1);
			m[i][k] = b[i];
		}
		double scale = 0;
		for (int i = 0; i < k; i++) {
			scale = Math.max(scale, Math.abs(a[i][i]));
		}
		boolean[] free = new boolean[k];
		for (int col = 0; col < k; col++) {
			int pivot = col;
			for (int r = col + 1; r < k; r++) {
				if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
					pivot = r;
				}
			}
			double[] swap = m[col];
			m[col] = m[pivot];
			m[pivot] = swap;
			if (Math.abs(m[col][col]) <= 1e-12 * scale) {
				free[col] = true;
				continue;
			}
			for (int r = col + 1; r < k; r++) {
				double factor = m[r][col] / m[col][col];
				for (int c = col; c <= k; c++) {
					m[r][c] -= factor * m[col][c];
				}
			}
		}
		double[] x = new double[k];
		for (int row = k - 1; row >= 0; row--) {
			if (free[row]) {
				continue;
			}
			double sum = m[row][k];
			for (int c = row + 1; c < k; c++) {
				sum -= m[row][c] * x[c];
			}
			x[row] = sum / m[row][row];
		}
		return x;
	}

}
