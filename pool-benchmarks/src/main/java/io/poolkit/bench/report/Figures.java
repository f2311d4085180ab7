package io.poolkit.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.poolkit.bench.PoolKind;
import io.poolkit.bench.report.Results.Row;

/**
 * The rows of one run, looked up by section, subject, scenario and metric, and the number
 * formats of the report.
 */
final class Figures {

	static final String POOLKIT = PoolKind.POOLKIT.id();

	static final String HIKARI = PoolKind.HIKARI.id();

	private final Map<String, Row> rows = new LinkedHashMap<>();

	Figures(List<Row> all) {
		for (Row row : all) {
			this.rows.put(key(row.section(), row.subject(), row.scenario(), row.metric()), row);
		}
	}

	private static String key(String section, String subject, String scenario, String metric) {
		return section + '\u0000' + subject + '\u0000' + scenario + '\u0000' + metric;
	}

	/**
	 * @return the row, or {@code null} when the run did not produce it (a pool failed, a
	 * part was skipped)
	 */
	Row row(String section, String subject, String scenario, String metric) {
		return this.rows.get(key(section, subject, scenario, metric));
	}

	/**
	 * @return the value, or NaN when missing
	 */
	double value(String section, String subject, String scenario, String metric) {
		Row row = row(section, subject, scenario, metric);
		return (row != null) ? row.value() : Double.NaN;
	}

	/**
	 * @return the scenarios of a section, in the order the run measured them
	 */
	List<String> scenarios(String section) {
		List<String> scenarios = new ArrayList<>();
		for (Row row : this.rows.values()) {
			if (row.section().equals(section) && !row.subject().equals("-") && !scenarios.contains(row.scenario())) {
				scenarios.add(row.scenario());
			}
		}
		return scenarios;
	}

	/**
	 * @return the facts ({@link Results#fact}) by name
	 */
	Map<String, String> facts() {
		Map<String, String> facts = new LinkedHashMap<>();
		for (Row row : this.rows.values()) {
			if (row.section().equals("env")) {
				facts.put(row.metric(), row.scenario());
			}
		}
		return facts;
	}

	/**
	 * The best peer (not Poolkit, not the no-pool baseline) for a metric.
	 * @param higherIsBetter whether a larger value is better (throughput) or a smaller
	 * one (latency, time, bytes)
	 * @return the peer's id, or {@code null} when no peer has the figure
	 */
	String bestPeer(String section, String scenario, String metric, boolean higherIsBetter) {
		String best = null;
		double bestValue = Double.NaN;
		for (PoolKind kind : PoolKind.all()) {
			double value = value(section, kind.id(), scenario, metric);
			if (kind == PoolKind.POOLKIT || Double.isNaN(value)) {
				continue;
			}
			if (best == null || (higherIsBetter ? value > bestValue : value < bestValue)) {
				best = kind.id();
				bestValue = value;
			}
		}
		return best;
	}

	static String label(String subject) {
		return subject.equals("none") ? "no pool (connection per request)" : PoolKind.of(subject).label();
	}

	/**
	 * Three significant digits, without exponent, so that columns compare at a glance.
	 */
	static String number(double value) {
		if (Double.isNaN(value)) {
			return "—";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	static String withError(double value, double error) {
		if (Double.isNaN(value)) {
			return "—";
		}
		return Double.isNaN(error) ? number(value) : number(value) + " ± " + number(error);
	}

	static String ratio(double ratio) {
		if (Double.isNaN(ratio)) {
			return "—";
		}
		return String.format(Locale.ROOT, (ratio >= 100) ? "%,.0f×" : "%.2f×", ratio);
	}

	/**
	 * A ratio a / b with the error propagated from both (relative errors add in
	 * quadrature).
	 */
	static String ratioWithError(Row a, Row b) {
		if (a == null || b == null) {
			return "—";
		}
		double ratio = a.value() / b.value();
		if (Double.isNaN(a.error()) || Double.isNaN(b.error())) {
			return ratio(ratio);
		}
		double relative = Math.hypot(a.error() / a.value(), b.error() / b.value());
		return String.format(Locale.ROOT, "%.2f× ± %.2f", ratio, ratio * relative);
	}

}
