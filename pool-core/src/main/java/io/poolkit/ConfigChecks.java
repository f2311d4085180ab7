package io.poolkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.poolkit.InvalidPoolConfigException.Problem;

import static io.poolkit.PoolSetting.CONNECTION_TIMEOUT;
import static io.poolkit.PoolSetting.DATA_SOURCE;
import static io.poolkit.PoolSetting.DATA_SOURCE_PROPERTIES;
import static io.poolkit.PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX;
import static io.poolkit.PoolSetting.IDLE_TIMEOUT;
import static io.poolkit.PoolSetting.MAX_LIFETIME;
import static io.poolkit.PoolSetting.MAX_OVERFLOW;
import static io.poolkit.PoolSetting.MAX_SIZE;
import static io.poolkit.PoolSetting.MIN_IDLE;
import static io.poolkit.PoolSetting.ON_EXHAUSTED;
import static io.poolkit.PoolSetting.OVERFLOW_AFTER;
import static io.poolkit.PoolSetting.SIZING_DB_CORES;
import static io.poolkit.PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT;
import static io.poolkit.PoolSetting.SIZING_FLEET_BUDGET;
import static io.poolkit.PoolSetting.SIZING_HEADROOM;
import static io.poolkit.PoolSetting.SIZING_INSTANCES;
import static io.poolkit.PoolSetting.SIZING_MIN_SIZE;
import static io.poolkit.PoolSetting.SIZING_MODE;
import static io.poolkit.PoolSetting.SIZING_PERIOD;
import static io.poolkit.PoolSetting.URL;
import static io.poolkit.PoolSetting.VALIDATION_TIMEOUT;

/**
 * Checks the settings a builder holds: each one on its own by its row of the table, then
 * the ones that depend on each other. It collects rather than throws, so one failed start
 * shows every mistake, not the first of many; a check that compares against a setting
 * already found bad is skipped rather than piling on.
 */
final class ConfigChecks {

	private final Object[] values;

	private final Set<String> configured;

	private final List<Problem> problems = new ArrayList<>();

	private final Set<String> bad = new HashSet<>();

	private ConfigChecks(Object[] values, Set<String> configured, Collection<Problem> textProblems) {
		this.values = values;
		this.configured = configured;
		textProblems.forEach(this::add);
	}

	/**
	 * Finds every problem.
	 * @param values the values as given to the builder, by {@link PoolSetting#index()}
	 * @param configured the settings given explicitly, so messages can point out a
	 * default as such
	 * @param textProblems text that could not be applied; those settings still hold their
	 * previous value and are not checked again
	 * @param maxSize the resolved {@code max-size}
	 * @return the problems in the order of the table, unknown keys last; empty if none
	 */
	static List<Problem> problems(Object[] values, Set<String> configured, Collection<Problem> textProblems,
			int maxSize) {
		ConfigChecks checks = new ConfigChecks(values, configured, textProblems);
		checks.checkUrl();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			checkAlone(checks, setting);
		}
		checks.checkSizes(maxSize);
		checks.checkAdaptive(maxSize);
		checks.checkTimeouts();
		return checks.problems.stream().sorted(Comparator.comparingInt(ConfigChecks::order)).toList();
	}

	private static <T> void checkAlone(ConfigChecks checks, PoolSetting<T> setting) {
		if (!checks.isBad(setting)) {
			T value = checks.get(setting);
			String reason = setting.problem(value);
			if (reason != null) {
				checks.report(setting, value, reason);
			}
		}
	}

	private void checkUrl() {
		String url = get(URL);
		if (url == null && get(DATA_SOURCE) == null) {
			report(URL, null, "must be set (or a dataSource given)");
		}
		else if (url != null && get(DATA_SOURCE) != null) {
			report(URL, url, "must not be set together with a dataSource; give only one of them");
		}
		else if (url != null && !url.startsWith("jdbc:")) {
			report(URL, url, "'" + Secrets.maskUrl(url) + "' is a malformed URL; it must start with 'jdbc:'");
		}
	}

	private void checkSizes(int maxSize) {
		if (get(MAX_SIZE) == null && get(SIZING_DB_CORES) != null
				&& (isBad(SIZING_DB_CORES) || isBad(SIZING_EFFECTIVE_SPINDLE_COUNT))) {
			// The formula's result from bad inputs is meaningless; min-idle must not be
			// checked against it.
			this.bad.add(MAX_SIZE.name());
		}
		checkUpToMaxSize(MIN_IDLE, 0, maxSize);
		Integer maxOverflow = get(MAX_OVERFLOW);
		if (get(ON_EXHAUSTED) == OnExhausted.OVERFLOW && !isBad(ON_EXHAUSTED) && !isBad(MAX_OVERFLOW) && maxOverflow < 1
				&& !isAdaptive()) {
			report(ON_EXHAUSTED, OnExhausted.OVERFLOW,
					"overflow requires max-overflow of at least 1, but max-overflow is " + maxOverflow);
		}
	}

	// Against 10000, the most max-size may be, when max-size itself is bad.
	private void checkUpToMaxSize(PoolSetting<Integer> setting, int least, int maxSize) {
		Integer value = get(setting);
		boolean known = !isBad(MAX_SIZE);
		if (value != null && !isBad(setting) && (value < least || value > (known ? maxSize : 10_000))) {
			report(setting, value, value + " is not allowed; must be between " + least + " and "
					+ (known ? "max-size (" + maxSize + ")" : "10000"));
		}
	}

	/**
	 * Adaptive sizing keeps the target between sizing.min-size and max-size, and every
	 * connection within the fleet's share of the budget, which overflow connections would
	 * go past.
	 */
	private void checkAdaptive(int maxSize) {
		if (isAdaptive() || isConfigured(SIZING_MIN_SIZE)) {
			// Its own row has checked the least, 1, and 10000 already.
			checkUpToMaxSize(SIZING_MIN_SIZE, 1, maxSize);
		}
		if (!isAdaptive()) {
			if (!isBad(SIZING_MODE)) {
				// Nothing reads them in fixed mode (the start-up budget check uses
				// max-size, max-overflow and sizing.instances): one given there is a mode
				// forgotten.
				for (PoolSetting<?> setting : List.of(SIZING_MIN_SIZE, SIZING_PERIOD, SIZING_HEADROOM,
						SIZING_FLEET_BUDGET)) {
					checkAdaptiveOnly(setting);
				}
			}
			return;
		}
		checkFleetBudget();
		if (get(ON_EXHAUSTED) == OnExhausted.OVERFLOW && !isBad(ON_EXHAUSTED)) {
			report(ON_EXHAUSTED, OnExhausted.OVERFLOW, "overflow is not allowed with sizing.mode=adaptive, which "
					+ "grows the pool itself within its share of the connection budget; use wait or fail-fast");
		}
		Integer maxOverflow = get(MAX_OVERFLOW);
		if (!isBad(MAX_OVERFLOW) && maxOverflow != null && maxOverflow > 0) {
			report(MAX_OVERFLOW, maxOverflow, maxOverflow + " is not allowed; must be 0 with sizing.mode=adaptive, "
					+ "where overflow connections would go past the pool's share of the connection budget");
		}
	}

	private <T> void checkAdaptiveOnly(PoolSetting<T> setting) {
		if (isConfigured(setting) && !isBad(setting)) {
			T value = get(setting);
			report(setting, value,
					setting.describe(value) + " is not allowed; it applies only with sizing.mode=adaptive, and "
							+ "sizing.mode is " + get(SIZING_MODE).name().toLowerCase(Locale.ROOT)
							+ (isConfigured(SIZING_MODE) ? "" : " (default)")
							+ "; set sizing.mode=adaptive or leave it out");
		}
	}

	/**
	 * The fleet holds at most sizing.fleet-budget less sizing.headroom together, and each
	 * instance at least one connection.
	 */
	private void checkFleetBudget() {
		Integer fleetBudget = get(SIZING_FLEET_BUDGET);
		if (isBad(SIZING_FLEET_BUDGET) || fleetBudget == null || fleetBudget == 0) {
			return;
		}
		Integer headroom = get(SIZING_HEADROOM);
		Integer instances = get(SIZING_INSTANCES);
		String must = (!isBad(SIZING_HEADROOM) && headroom != null && fleetBudget <= headroom)
				? "be more than sizing.headroom (" + marked(SIZING_HEADROOM, headroom)
						+ "), or the fleet could hold nothing"
				: (!isBad(SIZING_INSTANCES) && instances != null && fleetBudget < instances)
						? "be at least sizing.instances (" + marked(SIZING_INSTANCES, instances)
								+ "), so that every instance may hold one connection"
						: null;
		if (must != null) {
			report(SIZING_FLEET_BUDGET, fleetBudget,
					fleetBudget + " is not allowed; must " + must + "; or 0 for no budget of its own");
		}
	}

	private boolean isAdaptive() {
		return get(SIZING_MODE) == SizingMode.ADAPTIVE && !isBad(SIZING_MODE);
	}

	private void checkTimeouts() {
		String connectionTimeout = CONNECTION_TIMEOUT.format(get(CONNECTION_TIMEOUT));
		// overflow-after only matters with on-exhausted=overflow; a default nobody uses
		// must not fail a start.
		checkBelow(OVERFLOW_AFTER, get(ON_EXHAUSTED) == OnExhausted.OVERFLOW || isConfigured(OVERFLOW_AFTER),
				CONNECTION_TIMEOUT, connectionTimeout, true);
		// A default idle-timeout above a shorter max-lifetime is harmless (lifetime
		// retires first); only a configured one is a contradiction worth failing for.
		checkBelow(IDLE_TIMEOUT, isConfigured(IDLE_TIMEOUT), MAX_LIFETIME, marked(MAX_LIFETIME, get(MAX_LIFETIME)),
				false);
		// The engine never lets a validation outlast a borrower's wait, so only a
		// configured validation-timeout longer than connection-timeout is a
		// contradiction.
		checkBelow(VALIDATION_TIMEOUT, isConfigured(VALIDATION_TIMEOUT), CONNECTION_TIMEOUT, connectionTimeout, false);
	}

	/**
	 * A duration that must stay below a limit ({@code strictly}) or not exceed it. Zero
	 * contradicts nothing: idle-timeout's and max-lifetime's means never, and
	 * overflow-after's is below any connection-timeout (at least 1ms).
	 */
	private void checkBelow(PoolSetting<Duration> setting, boolean applies, PoolSetting<Duration> limit,
			String limitText, boolean strictly) {
		Duration value = get(setting);
		if (!applies || isBad(setting) || isBad(limit) || value.isZero() || get(limit).isZero()) {
			return;
		}
		int order = value.compareTo(get(limit));
		if (strictly ? order >= 0 : order > 0) {
			report(setting, value, marked(setting, value) + " is not allowed; must "
					+ (strictly ? "be less than " : "not exceed ") + limit.name() + " (" + limitText + ")");
		}
	}

	// Marks a default, so "validation-timeout: 5s (default)" tells the reader which of
	// two settings to change.
	private <T> String marked(PoolSetting<T> setting, T value) {
		return setting.format(value) + (isConfigured(setting) ? "" : " (default)");
	}

	private <T> T get(PoolSetting<T> setting) {
		return setting.valueIn(this.values);
	}

	private boolean isConfigured(PoolSetting<?> setting) {
		return this.configured.contains(setting.name());
	}

	private boolean isBad(PoolSetting<?> setting) {
		return this.bad.contains(setting.name());
	}

	private <T> void report(PoolSetting<T> setting, T value, String reason) {
		add(new Problem(setting.name(), (value != null) ? setting.describe(value) : null, reason));
	}

	private void add(Problem problem) {
		this.problems.add(problem);
		this.bad.add(problem.setting());
	}

	private static int order(Problem problem) {
		String key = problem.setting();
		String setting = key.startsWith(DATA_SOURCE_PROPERTIES_PREFIX) ? DATA_SOURCE_PROPERTIES.name() : key;
		return PoolSetting.named(setting).map(PoolSetting::index).orElse(PoolSetting.all().size());
	}

}
