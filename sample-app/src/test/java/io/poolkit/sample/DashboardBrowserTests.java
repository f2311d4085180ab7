package io.poolkit.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser: headless Chromium opens {@code /}, starts the load
 * demo with the page's own button, and the connections chart must draw the pool's target
 * growing from its floor to its ceiling, and its total and active connections, each line
 * from the values polled. A second run over connection per request fills the comparison
 * table; the screenshot at the end is the one in the README (docs/dashboard.png).
 */
class DashboardBrowserTests extends RunningSample {

	private static final Path TARGET = Path.of("target");

	@Test
	void chartsShowTheTargetTotalAndActiveConnectionsWhileTheLoadDemoRuns() throws IOException {
		// Not an assumption: a missing browser must fail the build, not skip the test in
		// silence.
		assertThat(Files.isExecutable(Chromium.BINARY))
			.as("Chromium is needed at %s for the dashboard test. Run .ci/run, which installs it "
					+ "(apt-get install chromium), or point -Dchromium.binary at one", Chromium.BINARY)
			.isTrue();
		try (Chromium browser = Chromium.launch(1280, 840, TARGET.resolve("chromium.log"))) {
			browser.call("Emulation.setDeviceMetricsOverride",
					Map.of("width", 1280, "height", 840, "deviceScaleFactor", 1, "mobile", false));
			browser.call("Page.navigate", Map.of("url", "http://localhost:" + this.port + "/"));
			// The page polls /actuator/metrics once a second and counts its polls in
			// data-ticks.
			awaitPage(browser, "Number(document.body && document.body.dataset.ticks || 0) >= 2", 30);
			assertThat(browser.evaluate("document.getElementById('pool-name').textContent").asString())
				.isEqualTo("poolkit-sample");

			// The legend names each line of the connections chart.
			assertThat(browser
				.evaluate("Array.from(document.getElementById('chart-connections').closest('figure')"
						+ ".querySelectorAll('figcaption .key')).map((key) => key.className + '=' + key.textContent)")
				.toString()).contains("key target=target", "key total=total", "key active=active");
			// The pool sizes itself (application.yml): quiet, its target is the floor of
			// 2. A load an earlier test ran may have left it higher for a few seconds.
			awaitPage(browser,
					"Number(document.querySelector('#chart-connections polyline.target').dataset.last) === 2", 60);

			startLoad(browser, 200, 8, true);
			// What this test is for: the connections chart draws active connections, at
			// most max-size of them, and the target growing to the ceiling for the load.
			awaitPage(browser, "Number(document.querySelector('#chart-connections polyline.active').dataset.max) > 0",
					30);
			awaitPage(browser,
					"Number(document.querySelector('#chart-connections polyline.target').dataset.last) === 4", 30);
			double peak = browser
				.evaluate("Number(document.querySelector('#chart-connections polyline.active').dataset.max)")
				.asDouble();
			assertThat(peak).isPositive().isLessThanOrEqualTo(4);
			double total = browser
				.evaluate("Number(document.querySelector('#chart-connections polyline.total').dataset.max)")
				.asDouble();
			assertThat(total).isGreaterThanOrEqualTo(peak).isLessThanOrEqualTo(4);
			assertLineDrawsItsSeries(browser, "target", 2.0, 4.0);
			assertLineDrawsItsSeries(browser, "total", peak);
			assertLineDrawsItsSeries(browser, "active", peak);
			awaitPage(browser, "document.body.dataset.loadRuns === '1'", 90);
			assertThat(resultRow(browser, 0)).startsWith("pool (max 4)").endsWith("\t0");

			// Side by side: the same load with a connection opened per request (fewer
			// workers, so the shared
			// database's max_connections is not exhausted by the demo).
			startLoad(browser, 20, 4, false);
			awaitPage(browser, "document.body.dataset.loadRuns === '2'", 90);
			assertThat(resultRow(browser, 0)).startsWith("one per request").endsWith("\t0");
			assertThat(browser.evaluate("document.getElementById('load-status').className").asString())
				.isEqualTo("status");

			// Quiet again: the target shrinks back to the floor a step at a time, and the
			// screenshot shows the whole round, floor to ceiling and back.
			awaitPage(browser,
					"Number(document.querySelector('#chart-connections polyline.target').dataset.last) === 2", 60);
			assertLineDrawsItsSeries(browser, "target", 2.0, 4.0, 3.0, 2.0);
			int ticks = browser.evaluate("Number(document.body.dataset.ticks)").asInt();
			awaitPage(browser, "Number(document.body.dataset.ticks) >= " + (ticks + 2), 30);
			byte[] png = browser.screenshot();
			assertThat(png).startsWith(0x89, 'P', 'N', 'G');
			Files.write(TARGET.resolve("dashboard.png"), png);
			// -Ddashboard.screenshot=../docs/dashboard.png refreshes the README's
			// picture.
			String copy = System.getProperty("dashboard.screenshot");
			if (copy != null && !copy.isEmpty()) {
				Files.write(Path.of(copy), png);
			}
		}
	}

	/**
	 * The line of a series in the connections chart is drawn from the values the page
	 * polled: one point per value, each higher exactly where its value is higher, and the
	 * values include those expected (in order).
	 */
	private static void assertLineDrawsItsSeries(Chromium browser, String name, double... expected) {
		JsonNode drawn = browser.evaluate("(() => { const line = document.querySelector('#chart-connections "
				+ "polyline." + name + "'); return { values: series." + name
				+ ".filter((p) => p.v !== null).map((p) => p.v), ys: line.getAttribute('points').trim()"
				+ ".split(' ').map((point) => Number(point.split(',')[1])) }; })()");
		List<Double> values = numbers(drawn.path("values"));
		List<Double> ys = numbers(drawn.path("ys"));
		assertThat(ys).as(name).hasSameSizeAs(values).hasSizeGreaterThan(2);
		for (int i = 0; i < values.size(); i++) {
			for (int j = 0; j < values.size(); j++) {
				// SVG's y grows downwards.
				assertThat(Double.compare(ys.get(j), ys.get(i))).as("%s points %d and %d", name, i, j)
					.isEqualTo(Double.compare(values.get(i), values.get(j)));
			}
		}
		int from = 0;
		for (double value : expected) {
			int at = values.subList(from, values.size()).indexOf(value);
			assertThat(at).as("%s: %s after index %d in %s", name, value, from, values).isNotNegative();
			from += at;
		}
	}

	private static List<Double> numbers(JsonNode array) {
		List<Double> numbers = new ArrayList<>();
		array.forEach((number) -> numbers.add(number.asDouble()));
		return numbers;
	}

	private static void startLoad(Chromium browser, int workers, int seconds, boolean pooled) {
		browser.evaluate("document.getElementById('load-concurrency').value = '" + workers + "';"
				+ "document.getElementById('load-seconds').value = '" + seconds + "';"
				+ "document.getElementById('load-mode').value = '" + pooled + "';"
				+ "document.getElementById('start-load').click(); true");
	}

	// The row's cells joined by tabs, newest run first.
	private static String resultRow(Chromium browser, int index) {
		return browser
			.evaluate("Array.from(document.querySelectorAll('#load-results tbody tr')[" + index
					+ "].cells).map((cell) => cell.textContent).join('\\t')")
			.asString();
	}

	private static void awaitPage(Chromium browser, String condition, int seconds) {
		await(condition).atMost(Duration.ofSeconds(seconds))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> browser.evaluate(condition).asBoolean());
	}

}
