package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

import com.factordesk.shared.BusinessRefusal;

/**
 * A curve that turns a measured figure (days beyond terms, a dispute rate, a bureau's raw
 * score) into a sub-score 0-100 by straight lines between configured points, flat beyond
 * the first and the last point. {@link #exactAt} gives the sub-score unrounded (to 34
 * significant digits), as a score is computed; {@link #at} gives it at four decimals,
 * rounded half up, as it is shown.
 *
 * @param points the points, sorted by strictly increasing x, at least two, each y within
 * 0-100; an admin writes them, so a curve that breaks these rules is a
 * {@link BusinessRefusal} (of the whole curve: who reads it names the field)
 */
public record PiecewiseLinearCurve(List<Point> points) {

	static final int SCALE = 4;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public PiecewiseLinearCurve {
		Objects.requireNonNull(points, "points");
		points = List.copyOf(points);
		if (points.size() < 2) {
			throw BusinessRefusal.of("curve.points.tooFew", "A curve needs at least two points, got " + points.size(),
					points.size());
		}
		for (int i = 0; i < points.size(); i++) {
			Point point = points.get(i);
			String y = point.y().toPlainString();
			if (point.y().signum() < 0 || point.y().compareTo(HUNDRED) > 0) {
				throw BusinessRefusal.of("curve.point.scoreOutside",
						"Point " + (i + 1) + " of the curve has score " + y + ": a score is 0-100", i + 1, y);
			}
			if (i > 0 && point.x().compareTo(points.get(i - 1).x()) <= 0) {
				String x = point.x().toPlainString();
				String before = points.get(i - 1).x().toPlainString();
				throw BusinessRefusal.of(
						"curve.point.notIncreasing", "Point " + (i + 1) + " of the curve is at " + x
								+ ", not after point " + i + " at " + before + ": x must strictly increase",
						i + 1, x, i, before);
			}
		}
	}

	/**
	 * A curve through the given points, written as alternating x and y values:
	 * {@code of("0", "100", "15", "75")}.
	 */
	public static PiecewiseLinearCurve of(String... xThenY) {
		if (xThenY.length % 2 != 0) {
			throw new IllegalArgumentException("A curve is written as pairs of x and y, got an odd count");
		}
		Point[] points = new Point[xThenY.length / 2];
		for (int i = 0; i < points.length; i++) {
			points[i] = new Point(new BigDecimal(xThenY[2 * i]), new BigDecimal(xThenY[2 * i + 1]));
		}
		return new PiecewiseLinearCurve(List.of(points));
	}

	/**
	 * The sub-score at {@code x} at four decimals, rounded half up: {@link #exactAt}
	 * rounded for display.
	 */
	public BigDecimal at(BigDecimal x) {
		return exactAt(x).setScale(SCALE, RoundingMode.HALF_UP);
	}

	/**
	 * The sub-score at {@code x}, unrounded: the first point's score at or before the
	 * first x, the last point's at or beyond the last x, on the straight line in between
	 * (computed to 34 significant digits).
	 */
	public BigDecimal exactAt(BigDecimal x) {
		Objects.requireNonNull(x, "x");
		Point first = this.points.get(0);
		if (x.compareTo(first.x()) <= 0) {
			return first.y();
		}
		for (int i = 1; i < this.points.size(); i++) {
			Point right = this.points.get(i);
			if (x.compareTo(right.x()) <= 0) {
				Point left = this.points.get(i - 1);
				// rise x run first, then one division: exact whenever the result is
				BigDecimal rise = right.y().subtract(left.y()).multiply(x.subtract(left.x()));
				return left.y().add(rise.divide(right.x().subtract(left.x()), MathContext.DECIMAL128));
			}
		}
		return this.points.get(this.points.size() - 1).y();
	}

	/**
	 * One point of a curve: at figure {@code x} the sub-score is {@code y}.
	 *
	 * @param x the measured figure
	 * @param y the sub-score 0-100
	 */
	public record Point(BigDecimal x, BigDecimal y) {

		public Point {
			Objects.requireNonNull(x, "x");
			Objects.requireNonNull(y, "y");
		}

	}

}
