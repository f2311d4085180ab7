package io.poolkit.internal;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.poolkit.InvalidPoolConfigException.Problem;
import io.poolkit.PoolSetting;
import io.poolkit.Secrets;

/**
 * Finds the JDBC driver for a pool's URL before any connection is opened, without showing
 * a driver the URL's secrets until it has accepted the URL: pgjdbc writes a URL it cannot
 * parse, password included, to its log at WARN ("JDBC URL contains too many / characters:
 * ..."), from {@code acceptsURL} (which {@link DriverManager#getDriver} calls) as from
 * {@code connect}. So the URL is first checked the way pgjdbc checks it
 * ({@link UrlCheck}), then offered to the drivers with its secrets masked
 * ({@link Secrets#maskUrl}): a driver that cannot parse it logs the masked form, and the
 * URL itself reaches a driver only in {@code connect}, once well formed.
 */
public final class DriverLookup {

	private final Driver driver;

	private final Problem problem;

	private DriverLookup(Driver driver, Problem problem) {
		this.driver = driver;
		this.problem = problem;
	}

	/**
	 * Looks up the driver for a URL.
	 * @param url the URL, secrets and all
	 * @param driverClassName the driver class to instantiate, or {@code null} to ask
	 * {@link DriverManager}
	 * @return the driver, or the problem with the URL or the driver class
	 */
	public static DriverLookup of(String url, String driverClassName) {
		String masked = Secrets.maskUrl(url);
		Driver given = null;
		if (driverClassName != null) {
			try {
				given = (Driver) loadClass(driverClassName).getDeclaredConstructor().newInstance();
			}
			catch (ReflectiveOperationException | ClassCastException | LinkageError ex) {
				return new DriverLookup(null, new Problem(PoolSetting.DRIVER_CLASS_NAME.name(), driverClassName,
						"'" + driverClassName + "' cannot be instantiated as a java.sql.Driver"));
			}
		}
		Driver found = (UrlCheck.problem(url) == null) ? accepting(given, masked) : null;
		if (found != null) {
			return new DriverLookup(found, null);
		}
		return new DriverLookup(null, new Problem(PoolSetting.URL.name(), masked, refusal(url, masked, given)));
	}

	/** The driver, or {@code null} when there is a {@link #problem()}. */
	public Driver driver() {
		return this.driver;
	}

	/**
	 * Why no driver can be used: the URL no driver accepts, or the driver class that
	 * cannot be instantiated; {@code null} when {@link #driver()} is found.
	 */
	public Problem problem() {
		return this.problem;
	}

	private static Driver accepting(Driver given, String maskedUrl) {
		try {
			if (given != null) {
				return given.acceptsURL(maskedUrl) ? given : null;
			}
			return DriverManager.getDriver(maskedUrl);
		}
		catch (SQLException ex) {
			// DriverManager's "No suitable driver": refusal() says more.
			return null;
		}
	}

	private static String refusal(String url, String masked, Driver given) {
		String quoted = "'" + masked + "'";
		if (given != null) {
			return "the driver " + given.getClass().getName() + " does not accept " + quoted + UrlCheck.whyRefused(url);
		}
		String driverName = UrlCheck.driverFor(url);
		if (driverName != null) {
			return "the " + driverName + " refuses " + quoted + UrlCheck.whyRefused(url);
		}
		return "no registered JDBC driver accepts " + quoted + "; add the driver to the class path or set "
				+ "driver-class-name";
	}

	private static Class<?> loadClass(String className) throws ClassNotFoundException {
		try {
			return Class.forName(className, true, Thread.currentThread().getContextClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return Class.forName(className, true, DriverLookup.class.getClassLoader());
		}
	}

}
