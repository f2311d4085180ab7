package io.poolkit;

import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

// Over 500 lines on purpose: it is the settings table, one documented row per setting,
// with the reading, writing and checking those rows share.

/**
 * One setting of a pool, and the table of them all: each constant below is a row with the
 * setting's kebab-case name, type, default, allowed range, how its text is read and
 * written back, and whether it is secret, and its Javadoc is the one description of the
 * setting ({@link PoolConfig}'s accessor and builder method of the same name link here).
 * {@link PoolConfig} stores, validates and describes its settings through this table;
 * {@link PoolConfig#fromProperties} and {@link PoolConfig.Builder#property} read text by
 * it; the Spring Boot starter binds {@code app.pool.<name>} and shows its endpoint by it.
 * <p>
 * Read a config's value with {@link PoolConfig#get(PoolSetting)} and set one with
 * {@link PoolConfig.Builder#set(PoolSetting, Object)}, as with the JDK's
 * {@code SocketOption}. Instances are immutable constants, compared by identity.
 *
 * @param <T> the type of the setting's value
 */
public final class PoolSetting<T> {

	/**
	 * The prefix of driver connection properties given as text, e.g.
	 * {@code data-source-properties.ssl}.
	 */
	public static final String DATA_SOURCE_PROPERTIES_PREFIX = "data-source-properties.";

	private static final List<PoolSetting<?>> TABLE = new ArrayList<>();

	private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

	// A lower-case letter followed by an upper-case one, where camelCase starts a word.
	private static final Pattern CAMEL_HUMP = Pattern.compile("(\\p{javaLowerCase})(\\p{javaUpperCase})");

	/**
	 * {@code name}: metric tag, thread name prefix, PostgreSQL {@code application_name};
	 * 1 to 63 letters, digits, {@code -}, {@code _} or {@code .}; default {@code pool}.
	 */
	public static final PoolSetting<String> NAME = new PoolSetting<>("name", String.class, "pool", String::trim,
			String::valueOf, PoolSetting::checkPoolName, "must not be blank", false);

	/**
	 * {@code url}: the JDBC URL, starting with {@code jdbc:}; required unless a
	 * {@link #DATA_SOURCE} is given. Its secrets are masked wherever it is shown.
	 */
	public static final PoolSetting<String> URL = text("url", String::trim, null);

	/** {@code username}; none for the driver's default. */
	public static final PoolSetting<String> USERNAME = text("username", Function.identity(), null);

	/** {@code password}; none for no password. Secret. */
	public static final PoolSetting<String> PASSWORD = text("password", Function.identity(), null);

	/**
	 * {@code driver-class-name}: a loadable {@link Driver}; none to let
	 * {@code DriverManager} find the driver. The driver named must accept the URL
	 * ({@link Driver#acceptsURL}, asked as the pool starts), or the start fails naming
	 * {@code url}; it used to be asked only to connect.
	 */
	public static final PoolSetting<String> DRIVER_CLASS_NAME = text("driver-class-name", String::trim,
			PoolSetting::checkDriverClass);

	/** The {@link DataSource} to take connections from instead of a URL; builder only. */
	public static final PoolSetting<DataSource> DATA_SOURCE = object("data-source", DataSource.class);

	/**
	 * {@code data-source-properties}: connection properties for the driver, never
	 * {@code null}; as text each entry is its own key under
	 * {@link #DATA_SOURCE_PROPERTIES_PREFIX}. Secret-looking entries are masked.
	 */
	public static final PoolSetting<Properties> DATA_SOURCE_PROPERTIES = new PoolSetting<>("data-source-properties",
			Properties.class, new Properties(), null, PoolSetting::formatProperties, null, null, false);

	/**
	 * {@code max-size}: the most connections held, overflow aside; 1 to 10000. Unset, it
	 * is {@code sizing.db-cores * 2 + sizing.effective-spindle-count} when
	 * {@code sizing.db-cores} is set, else 10 (see {@link PoolConfig#maxSize()}).
	 */
	public static final PoolSetting<Integer> MAX_SIZE = whole("max-size", null, 1, 10_000);

	/** {@code min-idle}: idle connections kept ready; 0 to max-size; default max-size. */
	public static final PoolSetting<Integer> MIN_IDLE = new PoolSetting<>("min-idle", Integer.class, null,
			SettingParser::parseInt, String::valueOf, null, null, false);

	/**
	 * {@code sizing.db-cores}: the database's CPU cores, which size max-size when it is
	 * unset; 1 to 1024.
	 */
	public static final PoolSetting<Integer> SIZING_DB_CORES = whole("sizing.db-cores", null, 1, 1024);

	/**
	 * {@code sizing.effective-spindle-count}: disks the database keeps busy, for the same
	 * formula; 0 to 1024; default 0.
	 */
	public static final PoolSetting<Integer> SIZING_EFFECTIVE_SPINDLE_COUNT = whole("sizing.effective-spindle-count", 0,
			0, 1024);

	/**
	 * {@code sizing.instances}: application instances sharing the database, for the
	 * budget; 1 to 10000; default 1.
	 */
	public static final PoolSetting<Integer> SIZING_INSTANCES = whole("sizing.instances", 1, 1, 10_000);

	/**
	 * {@code sizing.mode}: {@link SizingMode#FIXED} (default) or
	 * {@link SizingMode#ADAPTIVE}.
	 */
	public static final PoolSetting<SizingMode> SIZING_MODE = choice("sizing.mode", SizingMode.class, SizingMode.FIXED);

	/**
	 * {@code sizing.min-size}: in adaptive mode the least target size, unless the fleet's
	 * budget leaves less (never below 1); 1 to max-size; default 1.
	 */
	public static final PoolSetting<Integer> SIZING_MIN_SIZE = whole("sizing.min-size", 1, 1, 10_000);

	/**
	 * {@code sizing.period}: in adaptive mode how often the pool measures its load, reads
	 * the fleet's budget and decides its target size; 100ms to 10m; default 1s.
	 */
	public static final PoolSetting<Duration> SIZING_PERIOD = duration("sizing.period", "1s", "100ms", "10m");

	/**
	 * {@code sizing.headroom}: in adaptive mode connections of the budget no instance
	 * takes, so that an instance starting, or two growing at once, is not refused; 0 to
	 * 10000; default 2.
	 */
	public static final PoolSetting<Integer> SIZING_HEADROOM = whole("sizing.headroom", 2, 0, 10_000);

	/**
	 * {@code sizing.fleet-budget}: in adaptive mode the most connections all instances of
	 * this pool (same name, role and database) hold together, budget reads included, on
	 * top of what the server or PgBouncer allows (others' connections do not come out of
	 * it); used alone (divided by {@code sizing.instances}) where no limit can be read; 0
	 * (none) to 1000000, else more than {@code sizing.headroom} and at least
	 * {@code sizing.instances}; default 0.
	 */
	public static final PoolSetting<Integer> SIZING_FLEET_BUDGET = whole("sizing.fleet-budget", 0, 0, 1_000_000);

	/**
	 * {@code connection-timeout}: the longest a borrower waits; 1ms to 1h; default 30s.
	 */
	public static final PoolSetting<Duration> CONNECTION_TIMEOUT = duration("connection-timeout", "30s", "1ms", "1h");

	/**
	 * {@code on-exhausted}: what a borrower does when the pool is at max-size;
	 * {@code overflow} needs max-overflow of 1 or more; default {@code wait}.
	 */
	public static final PoolSetting<OnExhausted> ON_EXHAUSTED = choice("on-exhausted", OnExhausted.class,
			OnExhausted.WAIT);

	/**
	 * {@code max-overflow}: temporary connections allowed past max-size; 0 to 10000;
	 * default 0.
	 */
	public static final PoolSetting<Integer> MAX_OVERFLOW = whole("max-overflow", 0, 0, 10_000);

	/**
	 * {@code overflow-after}: the wait before an overflow connection is opened; 0 to 1h,
	 * less than connection-timeout; default 1s.
	 */
	public static final PoolSetting<Duration> OVERFLOW_AFTER = duration("overflow-after", "1s", "0", "1h");

	/**
	 * {@code max-waiters}: a borrow fails at once when this many wait; 0 (no bound) to
	 * 1000000; default 0.
	 */
	public static final PoolSetting<Integer> MAX_WAITERS = whole("max-waiters", 0, 0, 1_000_000);

	/**
	 * {@code idle-timeout}: idle connections above min-idle close after it; 0 (never) or
	 * 10ms to 1d; when set, at most max-lifetime (unless max-lifetime is 0); default 10m.
	 */
	public static final PoolSetting<Duration> IDLE_TIMEOUT = duration("idle-timeout", "10m", "10ms", "1d", "never");

	/**
	 * {@code max-lifetime}: connections are retired before this age; 0 (never) or 100ms
	 * to 7d; default 30m.
	 */
	public static final PoolSetting<Duration> MAX_LIFETIME = duration("max-lifetime", "30m", "100ms", "7d", "never");

	/**
	 * {@code lifetime-jitter}: the fraction of max-lifetime retirements are spread over;
	 * 0 to 0.5 (50%); default 0.1.
	 */
	public static final PoolSetting<Double> LIFETIME_JITTER = new PoolSetting<>("lifetime-jitter", Double.class, 0.10,
			SettingParser::parseFraction, SettingParser::formatPercent, PoolSetting::checkJitter, "must not be null",
			false);

	/**
	 * {@code keepalive-interval}: how often idle connections are validated; 0 (off) or
	 * 10ms to 1d; default 2m.
	 */
	public static final PoolSetting<Duration> KEEPALIVE_INTERVAL = duration("keepalive-interval", "2m", "10ms", "1d",
			"off");

	/**
	 * {@code validation-query}: not blank; none to validate with
	 * {@code Connection.isValid}.
	 */
	public static final PoolSetting<String> VALIDATION_QUERY = text("validation-query", Function.identity(),
			notBlank("leave it unset to use Connection.isValid"));

	/**
	 * {@code validation-timeout}: the longest a validation may take; 1ms to 1h; when set,
	 * at most connection-timeout; default 5s.
	 */
	public static final PoolSetting<Duration> VALIDATION_TIMEOUT = duration("validation-timeout", "5s", "1ms", "1h");

	/**
	 * {@code validation-bypass}: a connection used this recently is not re-validated on
	 * borrow; 0 to 1h; default 500ms.
	 */
	public static final PoolSetting<Duration> VALIDATION_BYPASS = duration("validation-bypass", "500ms", "0", "1h");

	/**
	 * {@code leak-detection-threshold}: a connection held longer is reported with its
	 * borrower's stack; 0 (off) or 1ms to 1d; default 0.
	 */
	public static final PoolSetting<Duration> LEAK_DETECTION_THRESHOLD = duration("leak-detection-threshold", "0",
			"1ms", "1d", "off");

	/**
	 * {@code initialization-timeout}: how long startup waits for a first good connection;
	 * 0 (start without waiting) to 1h; default 10s.
	 */
	public static final PoolSetting<Duration> INITIALIZATION_TIMEOUT = duration("initialization-timeout", "10s", "0",
			"1h");

	/**
	 * {@code connection-init-sql}: run once on every new connection; not blank; none for
	 * none.
	 */
	public static final PoolSetting<String> CONNECTION_INIT_SQL = text("connection-init-sql", Function.identity(),
			notBlank("leave it unset for none"));

	/** {@code auto-commit} every borrower gets; none for the driver's default. */
	public static final PoolSetting<Boolean> AUTO_COMMIT = flag("auto-commit", null);

	/**
	 * {@code transaction-isolation} every borrower gets, a
	 * {@code Connection.TRANSACTION_*} level ({@code read-committed} as text); none for
	 * the driver's default.
	 */
	public static final PoolSetting<Integer> TRANSACTION_ISOLATION = new PoolSetting<>("transaction-isolation",
			Integer.class, null, SettingParser::parseIsolation, SettingParser::isolationName,
			PoolSetting::checkIsolation, null, false);

	/** {@code read-only} every borrower gets; none for the driver's default. */
	public static final PoolSetting<Boolean> READ_ONLY = flag("read-only", null);

	/** {@code catalog} every borrower gets; none for the driver's default. */
	public static final PoolSetting<String> CATALOG = text("catalog", Function.identity(), null);

	/** {@code schema} every borrower gets; none for the driver's default. */
	public static final PoolSetting<String> SCHEMA = text("schema", Function.identity(), null);

	/**
	 * {@code shutdown-timeout}: how long {@code close()} waits for borrowed connections;
	 * 0 to 1h; default 30s.
	 */
	public static final PoolSetting<Duration> SHUTDOWN_TIMEOUT = duration("shutdown-timeout", "30s", "0", "1h");

	/** {@code register-mbeans}: whether to publish JMX MBeans; default false. */
	public static final PoolSetting<Boolean> REGISTER_MBEANS = flag("register-mbeans", false);

	/**
	 * {@code pgbouncer}: whether to stay safe behind PgBouncer in transaction mode;
	 * default false.
	 */
	public static final PoolSetting<Boolean> PGBOUNCER = flag("pgbouncer", false);

	/**
	 * The listener for pool events, e.g. a metrics binder; builder only; never
	 * {@code null} in a config, {@link PoolListener#noop()} when none is given.
	 */
	public static final PoolSetting<PoolListener> LISTENER = new PoolSetting<>("listener", PoolListener.class, null,
			null, (listener) -> (listener != PoolListener.noop()) ? typeOf(listener) : null, null, null, true);

	/**
	 * Where each new connection gets its credentials, for credentials that rotate, called
	 * on the thread that opens it; builder only; none to use username and password.
	 */
	public static final PoolSetting<Supplier<Credentials>> CREDENTIALS_SUPPLIER = object("credentials-supplier",
			supplierType());

	/**
	 * Which exceptions mean a connection is broken; builder only; none for
	 * {@link ConnectionErrorClassifier#forUrl} of the URL.
	 */
	public static final PoolSetting<ConnectionErrorClassifier> ERROR_CLASSIFIER = object("error-classifier",
			ConnectionErrorClassifier.class);

	private static final List<PoolSetting<?>> ALL = Collections.unmodifiableList(TABLE);

	private static final List<String> NAMES = ALL.stream()
		.filter((setting) -> !setting.builderOnly)
		.map(PoolSetting::name)
		.toList();

	private final String name;

	private final Class<T> type;

	private final T defaultValue;

	private final Function<String, T> parser;

	private final Function<T, String> formatter;

	private final Function<T, String> check;

	private final String nullProblem;

	private final boolean builderOnly;

	private final int index;

	private PoolSetting(String name, Class<T> type, T defaultValue, Function<String, T> parser,
			Function<T, String> formatter, Function<T, String> check, String nullProblem, boolean builderOnly) {
		this.name = name;
		this.type = type;
		this.defaultValue = defaultValue;
		this.parser = parser;
		this.formatter = formatter;
		this.check = check;
		this.nullProblem = nullProblem;
		this.builderOnly = builderOnly;
		// The table's order is the order of declaration: of toString(), of problems, of
		// the endpoint's settings.
		this.index = TABLE.size();
		TABLE.add(this);
	}

	/**
	 * Every setting in the table's order, the builder-only ones included.
	 * @return the settings, unmodifiable
	 */
	public static List<PoolSetting<?>> all() {
		return ALL;
	}

	/**
	 * The names {@link PoolConfig#fromProperties} and {@link PoolConfig.Builder#property}
	 * take, in the table's order; {@code data-source-properties} stands for every key
	 * under {@link #DATA_SOURCE_PROPERTIES_PREFIX}.
	 * @return the names, unmodifiable
	 */
	public static List<String> names() {
		return NAMES;
	}

	/**
	 * The setting of a name.
	 * @param name a kebab-case name such as {@code max-size}
	 * @return the setting, or empty for a name that is not in the table
	 */
	public static Optional<PoolSetting<?>> named(String name) {
		return ALL.stream().filter((setting) -> setting.name.equals(name)).findFirst();
	}

	/**
	 * Whether a key names a setting that takes text: one of {@link #names()} or a
	 * {@code data-source-properties.<name>} entry.
	 * @param key the key
	 * @return whether {@link PoolConfig.Builder#property} accepts it
	 */
	public static boolean isKnown(String key) {
		if (key.startsWith(DATA_SOURCE_PROPERTIES_PREFIX)) {
			return key.length() > DATA_SOURCE_PROPERTIES_PREFIX.length();
		}
		return !key.equals(DATA_SOURCE_PROPERTIES.name) && NAMES.contains(key);
	}

	/**
	 * The setting a key that {@linkplain #isKnown is not known} was probably meant to be:
	 * the kebab-case spelling of a camelCase or snake_case name, else the name closest
	 * within two edits.
	 * @param key the unknown key, e.g. {@code maxSize} or {@code max-sise}
	 * @return the name, e.g. {@code max-size}; {@code data-source-properties.<name>} for
	 * {@code data-source-properties}; empty when nothing is close
	 */
	public static Optional<String> nearest(String key) {
		if (key.equals(DATA_SOURCE_PROPERTIES.name) || key.equals(DATA_SOURCE_PROPERTIES_PREFIX)) {
			return Optional.of(DATA_SOURCE_PROPERTIES_PREFIX + "<name>");
		}
		String kebab = toKebabCase(key);
		if (isKnown(kebab)) {
			return Optional.of(kebab);
		}
		// The first of the closest names, within two edits.
		return NAMES.stream()
			.filter((candidate) -> !candidate.equals(DATA_SOURCE_PROPERTIES.name) && editDistance(kebab, candidate) < 3)
			.min(Comparator.comparingInt((candidate) -> editDistance(kebab, candidate)));
	}

	/**
	 * The setting's kebab-case name.
	 * @return e.g. {@code max-size}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The type of the setting's value; {@code Integer}, {@code Boolean} and
	 * {@code Double} for numbers and flags.
	 * @return the type
	 */
	public Class<T> type() {
		return this.type;
	}

	/**
	 * The value a new builder holds.
	 * @return the default; {@code null} when the setting has none or it is derived
	 * ({@code max-size} from sizing, {@code min-idle} from {@code max-size}); a new copy
	 * for {@code data-source-properties}
	 */
	public T defaultValue() {
		return copyOf(this.defaultValue);
	}

	/**
	 * Whether the setting's value is secret: its name {@linkplain Secrets#isSecretName
	 * looks secret}, as for {@code password}. Logs and endpoints show it as
	 * {@link Secrets#MASK}.
	 * @return whether the value is secret
	 */
	public boolean isSecret() {
		return Secrets.isSecretName(this.name);
	}

	/**
	 * Whether the setting is an object given only through the builder (a data source,
	 * listener, credentials supplier or error classifier); it has no text form, and
	 * descriptions show only its type.
	 * @return whether it is builder only
	 */
	public boolean isBuilderOnly() {
		return this.builderOnly;
	}

	/**
	 * Reads the setting's value from text, as {@link PoolConfig#fromProperties} does:
	 * names, URLs and class names trimmed, other text (passwords, SQL) verbatim, numbers,
	 * durations ({@code 500ms}, {@code 30s}, plain milliseconds, ISO-8601), booleans and
	 * levels in their documented forms. Ranges are checked by
	 * {@link PoolConfig.Builder#build()}, not here.
	 * @param text the text
	 * @return the value
	 * @throws IllegalArgumentException if the text cannot be read; the message quotes it
	 * and says what is accepted, without naming the setting
	 * @throws UnsupportedOperationException for a builder-only setting and for
	 * {@code data-source-properties}, which is read entry by entry
	 */
	public T parse(String text) {
		if (this.parser == null) {
			throw new UnsupportedOperationException(this.name + " has no text form");
		}
		return this.parser.apply(text);
	}

	/**
	 * Writes a value in the text form {@link #parse} reads back ({@code 30s},
	 * {@code 10%}, {@code read-committed}), secrets included; a builder-only setting's
	 * value by its type's name.
	 * @param value the value, may be {@code null}
	 * @return the text, {@code "null"} for {@code null}
	 */
	public String format(T value) {
		return (value != null) ? this.formatter.apply(value) : "null";
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** The text for logs: {@link #format} with secrets masked. */
	String describe(T value) {
		if (value == null || this.builderOnly) {
			return format(value);
		}
		return Secrets.mask(this.name, format(value));
	}

	/** What is wrong with a value on its own, or {@code null}. */
	String problem(T value) {
		if (value == null) {
			return this.nullProblem;
		}
		return (this.check != null) ? this.check.apply(value) : null;
	}

	int index() {
		return this.index;
	}

	@SuppressWarnings("unchecked")
	T valueIn(Object[] values) {
		return (T) values[this.index];
	}

	/** A new array of every setting's default, indexed by {@link #index()}. */
	static Object[] defaults() {
		return ALL.stream().map(PoolSetting::defaultValue).toArray();
	}

	/** A copy of values, with mutable ones (driver properties) copied too. */
	static Object[] copy(Object[] values) {
		return Arrays.stream(values).map(PoolSetting::copyOf).toArray();
	}

	/** The value, or a copy of it when it is mutable (driver properties). */
	@SuppressWarnings("unchecked")
	static <V> V copyOf(V value) {
		if (value instanceof Properties properties) {
			Properties copy = new Properties();
			copy.putAll(properties);
			return (V) copy;
		}
		return value;
	}

	private static PoolSetting<String> text(String name, Function<String, String> reading,
			Function<String, String> check) {
		return new PoolSetting<>(name, String.class, null, reading, String::valueOf, check, null, false);
	}

	private static PoolSetting<Boolean> flag(String name, Boolean defaultValue) {
		return new PoolSetting<>(name, Boolean.class, defaultValue, SettingParser::parseBoolean, String::valueOf, null,
				(defaultValue != null) ? "must not be null" : null, false);
	}

	private static PoolSetting<Integer> whole(String name, Integer defaultValue, int min, int max) {
		return new PoolSetting<>(name, Integer.class, defaultValue, SettingParser::parseInt, String::valueOf,
				(value) -> (value < min || value > max)
						? value + " is not allowed; must be between " + min + " and " + max : null,
				(defaultValue != null) ? "must not be null" : null, false);
	}

	private static PoolSetting<Duration> duration(String name, String defaultValue, String min, String max) {
		return duration(name, defaultValue, min, max, null);
	}

	// Written as text, as in the settings table: "0 (never) or between 10ms and 1d".
	private static PoolSetting<Duration> duration(String name, String defaultValue, String min, String max,
			String zeroMeans) {
		String allowed = ((zeroMeans != null) ? "0 (" + zeroMeans + ") or " : "") + "between " + min + " and " + max;
		Duration least = SettingParser.parseDuration(min);
		Duration most = SettingParser.parseDuration(max);
		Function<Duration, String> check = (value) -> {
			boolean zeroOk = zeroMeans != null && value.isZero();
			return (!zeroOk && (value.compareTo(least) < 0 || value.compareTo(most) > 0))
					? SettingParser.formatDuration(value) + " is not allowed; must be " + allowed : null;
		};
		return new PoolSetting<>(name, Duration.class, SettingParser.parseDuration(defaultValue),
				SettingParser::parseDuration, SettingParser::formatDuration, check, "must not be null", false);
	}

	private static <T> PoolSetting<T> object(String name, Class<T> type) {
		return new PoolSetting<>(name, type, null, null, PoolSetting::typeOf, null, null, true);
	}

	private static <E extends Enum<E>> PoolSetting<E> choice(String name, Class<E> type, E defaultValue) {
		return new PoolSetting<>(name, type, defaultValue, (text) -> SettingParser.parseEnum(type, text),
				SettingParser::enumName, null, "must not be null", false);
	}

	private static Function<String, String> notBlank(String hint) {
		return (value) -> value.isBlank() ? "must not be blank; " + hint : null;
	}

	private static String checkPoolName(String name) {
		if (name.isBlank()) {
			return "must not be blank";
		}
		return POOL_NAME.matcher(name).matches() ? null
				: SettingParser.quote(name) + " is not allowed; use 1 to 63 letters, digits, '-', '_' or '.'";
	}

	private static String checkJitter(Double jitter) {
		if (jitter >= 0 && jitter <= 0.5) {
			return null;
		}
		String given = Double.isFinite(jitter) ? SettingParser.formatPercent(jitter) + " (" + jitter + ")"
				: String.valueOf(jitter);
		return given + " is not allowed; must be between 0% and 50%";
	}

	private static String checkIsolation(Integer level) {
		return SettingParser.isolationName(level).equals(String.valueOf(level))
				? level + " is not allowed; use one of the Connection.TRANSACTION_* constants (read-uncommitted, "
						+ "read-committed, repeatable-read, serializable or none)"
				: null;
	}

	private static String checkDriverClass(String className) {
		if (className.isBlank()) {
			return "must not be blank; leave it unset to let DriverManager find the driver";
		}
		String quoted = SettingParser.quote(className);
		try {
			return Driver.class.isAssignableFrom(loadClass(className)) ? null
					: quoted + " does not implement java.sql.Driver";
		}
		catch (ClassNotFoundException ex) {
			return quoted + " was not found on the class path";
		}
		catch (LinkageError ex) {
			return quoted + " could not be loaded: " + ex;
		}
	}

	// Not initialized: a driver registers itself with DriverManager in its static
	// initializer, the engine's job.
	private static Class<?> loadClass(String className) throws ClassNotFoundException {
		try {
			return Class.forName(className, false, Thread.currentThread().getContextClassLoader());
		}
		catch (ClassNotFoundException ex) {
			// The loader that loaded the pool, as in an application server's shared
			// library.
			return Class.forName(className, false, PoolSetting.class.getClassLoader());
		}
	}

	// Sorted, so the text does not depend on the order the driver's Properties hash into.
	private static String formatProperties(Properties properties) {
		Map<String, String> sorted = new TreeMap<>();
		properties.forEach((key, value) -> sorted.put(String.valueOf(key),
				Secrets.mask(String.valueOf(key), String.valueOf(value))));
		return sorted.toString();
	}

	// Only the type: a DataSource's or lambda's own toString() may well print credentials
	// it holds.
	private static String typeOf(Object value) {
		return value.getClass().getName();
	}

	@SuppressWarnings("unchecked")
	private static Class<Supplier<Credentials>> supplierType() {
		return (Class<Supplier<Credentials>>) (Class<?>) Supplier.class;
	}

	private static String toKebabCase(String key) {
		return CAMEL_HUMP.matcher(key).replaceAll("$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
	}

	// Levenshtein distance; keys are short, so the plain two-row version is plenty.
	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
