package io.poolkit.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures as the runners measure them and the report reads them: one tab-separated line
 * each, so a run can be inspected with {@code column -t} and its parts re-run alone.
 */
public final class Results {

	private Results() {
	}

	/**
	 * One figure.
	 *
	 * @param section the benchmark, e.g. {@code connection-cycle}
	 * @param subject the pool's id, or {@code -} for a figure about the run
	 * @param scenario e.g. {@code 32 threads}
	 * @param metric e.g. {@code throughput}, {@code p99}
	 * @param value the figure
	 * @param error its error (half-width of JMH's 99.9% interval, a standard deviation, a
	 * spread; as the section says), or NaN for none
	 * @param unit e.g. {@code ops/us}
	 */
	public record Row(String section, String subject, String scenario, String metric, double value, double error,
			String unit) {

		String line() {
			return String.join("\t", this.section, this.subject, this.scenario, this.metric, format(this.value),
					format(this.error), this.unit);
		}

		static Row parse(String line) {
			String[] f = line.split("\t", -1);
			if (f.length != 7) {
				throw new IllegalArgumentException("Not a result line: " + line);
			}
			return new Row(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), Double.parseDouble(f[5]), f[6]);
		}

	}

	/** A fact about the run (JDK, machine, versions): a row with no value. */
	public static Row fact(String name, String text) {
		return new Row("env", "-", text.replace('\t', ' '), name, Double.NaN, Double.NaN, "");
	}

	private static String format(double value) {
		return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6g", value);
	}

	/** Appends rows to a file, creating it and its directory when needed. */
	public static void append(Path file, List<Row> rows) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		List<String> lines = new ArrayList<>();
		for (Row row : rows) {
			lines.add(row.line());
		}
		Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** Every row of every {@code *.tsv} file in a directory. */
	public static List<Row> readAll(Path directory) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (var files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					if (!line.isBlank()) {
						rows.add(Row.parse(line));
					}
				}
			}
		}
		return rows;
	}

}
