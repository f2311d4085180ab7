package io.poolkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PgBouncer for tests: started from Debian's {@code pgbouncer} binary on a free
 * loopback port with a generated configuration in a temporary directory, stopped (and the
 * directory removed) by {@link #close()}.
 * <p>
 * It trusts every loopback client named in its user list, so tests need no secrets; it
 * logs in to PostgreSQL with the test server's user and password. It never listens on a
 * Unix socket, so it cannot clash with a PgBouncer installed as a service. PgBouncer
 * refuses to run as root: when the tests do, it is started with {@code -u} and a system
 * user ({@code postgres}, else {@code nobody}), and the generated files are made readable
 * for that user.
 */
public final class PgBouncerServer implements AutoCloseable {

	private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+)\\.(\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final int START_ATTEMPTS = 3;

	private final Settings settings;

	private final Path directory;

	private final int port;

	private final Process process;

	private final Thread shutdownHook;

	private PgBouncerServer(Settings settings, Path directory, int port, Process process) {
		this.settings = settings;
		this.directory = directory;
		this.port = port;
		this.process = process;
		// A test run killed mid-way must not leave a PgBouncer behind holding server
		// connections.
		this.shutdownHook = new Thread(process::destroyForcibly, "pgbouncer-" + port + "-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * @return settings to adjust before {@link Settings#start()}: transaction mode, 10
	 * server connections
	 */
	public static Settings settings() {
		return new Settings();
	}

	/**
	 * @return the path of the {@code pgbouncer} binary, or {@code null} when it is not
	 * installed
	 */
	public static Path binary() {
		List<Path> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(java.io.File.pathSeparator)) {
				if (!dir.isEmpty()) {
					candidates.add(Paths.get(dir, "pgbouncer"));
				}
			}
		}
		// Debian installs it in /usr/sbin, which a non-root user's PATH often lacks.
		candidates.add(Paths.get("/usr/sbin/pgbouncer"));
		candidates.add(Paths.get("/usr/bin/pgbouncer"));
		return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
	}

	/**
	 * @return major and minor version of the installed PgBouncer, e.g. {@code [1, 18]}
	 */
	public static int[] version() {
		Path binary = requireBinary();
		try {
			Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			Matcher matcher = VERSION.matcher(output);
			if (!matcher.find()) {
				throw new IllegalStateException("cannot read the PgBouncer version from: " + output);
			}
			return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return whether this PgBouncer can keep prepared statements itself
	 * ({@code max_prepared_statements}, 1.21+)
	 */
	public static boolean supportsProtocolPreparedStatements() {
		int[] version = version();
		return version[0] > 1 || (version[0] == 1 && version[1] >= 21);
	}

	private static Path requireBinary() {
		Path binary = binary();
		if (binary == null) {
			throw new IllegalStateException(
					"pgbouncer is not installed; install it with 'apt-get install pgbouncer' " + "(.ci/run does so)");
		}
		return binary;
	}

	public int port() {
		return this.port;
	}

	/**
	 * @return the database name clients use, {@link Settings#alias(String)}
	 */
	public String alias() {
		return this.settings.alias;
	}

	/**
	 * @return {@code jdbc:postgresql://127.0.0.1:<port>/<alias>}, reaching PostgreSQL
	 * through this PgBouncer
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.settings.alias;
	}

	/**
	 * @return whether the PgBouncer process is still running
	 */
	public boolean isRunning() {
		return this.process.isAlive();
	}

	/**
	 * @return what PgBouncer logged so far, for failure messages
	 */
	public String log() {
		try {
			return Files.readString(this.directory.resolve("pgbouncer.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/**
	 * Stops PgBouncer (SIGTERM, its immediate shutdown; killed if it lingers) and removes
	 * its directory.
	 */
	@Override
	public void close() {
		try {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down already; the hook will run anyway
			}
			deleteQuietly(this.directory);
		}
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	/**
	 * What to generate the configuration from; every value has a default fit for the
	 * tests.
	 */
	public static final class Settings {

		private String alias = "test";

		private String targetHost = PostgresTestSupport.host();

		private int targetPort = PostgresTestSupport.port();

		private String targetDatabase = PostgresTestSupport.database();

		private String poolMode = "transaction";

		private int defaultPoolSize = 10;

		private int maxClientConnections = 1000;

		private final Map<String, String> users = new LinkedHashMap<>();

		private final List<String> adminUsers = new ArrayList<>();

		private Settings() {
			this.users.put(PostgresTestSupport.user(), PostgresTestSupport.password());
			this.adminUsers.add(PostgresTestSupport.user());
		}

		/**
		 * Adds a user PgBouncer lets in (with this password towards the server) who may
		 * not read its admin console; the test server's user always may.
		 */
		public Settings user(String name, String password) {
			this.users.put(name, password);
			return this;
		}

		/** The database name clients connect to; default {@code test}. */
		public Settings alias(String alias) {
			this.alias = alias;
			return this;
		}

		/** The PostgreSQL database the alias leads to; default the test server's. */
		public Settings targetDatabase(String database) {
			this.targetDatabase = database;
			return this;
		}

		/** {@code session}, {@code transaction} (default) or {@code statement}. */
		public Settings poolMode(String poolMode) {
			this.poolMode = poolMode;
			return this;
		}

		/** Server connections per database and user pair; default 10. */
		public Settings defaultPoolSize(int size) {
			this.defaultPoolSize = size;
			return this;
		}

		/** Client connections accepted; default 1000. */
		public Settings maxClientConnections(int max) {
			this.maxClientConnections = max;
			return this;
		}

		/** Starts PgBouncer and waits until it accepts connections. */
		public PgBouncerServer start() {
			Path binary = requireBinary();
			IllegalStateException failure = null;
			// A free port found by binding and releasing it may be taken again before
			// PgBouncer binds it: retry.
			for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
				try {
					return startOnce(binary);
				}
				catch (IllegalStateException ex) {
					failure = ex;
				}
			}
			throw failure;
		}

		private PgBouncerServer startOnce(Path binary) {
			Path directory;
			int port = freePort();
			try {
				directory = Files.createTempDirectory("poolkit-pgbouncer-");
				Files.writeString(directory.resolve("pgbouncer.ini"), ini(directory, port));
				Files.writeString(directory.resolve("userlist.txt"), userList());
				Files.writeString(directory.resolve("pgbouncer.log"), "");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write the PgBouncer configuration", ex);
			}
			String runAs = isRoot() ? systemUser() : null;
			if (runAs != null) {
				makeReadable(directory);
			}
			List<String> command = new ArrayList<>(List.of(binary.toString()));
			if (runAs != null) {
				command.addAll(List.of("-u", runAs));
			}
			command.add(directory.resolve("pgbouncer.ini").toString());
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(directory.resolve("pgbouncer.log").toFile())
					.start();
			}
			catch (IOException ex) {
				deleteQuietly(directory);
				throw new UncheckedIOException("cannot start " + command, ex);
			}
			PgBouncerServer server = new PgBouncerServer(this, directory, port, process);
			try {
				Poll.until("PgBouncer to accept connections on port " + port, START_TIMEOUT, () -> {
					if (!process.isAlive()) {
						throw new IllegalStateException(
								"PgBouncer exited with " + process.exitValue() + ":\n" + server.log());
					}
					return accepts(port);
				});
				return server;
			}
			catch (RuntimeException ex) {
				String log = server.log();
				server.close();
				throw new IllegalStateException(
						"PgBouncer did not start on port " + port + ": " + ex.getMessage() + "\n" + log, ex);
			}
		}

		private String ini(Path directory, int port) {
			StringBuilder ini = new StringBuilder();
			ini.append("[databases]\n");
			ini.append(this.alias)
				.append(" = host=")
				.append(this.targetHost)
				.append(" port=")
				.append(this.targetPort)
				.append(" dbname=")
				.append(this.targetDatabase)
				.append('\n');
			ini.append("\n[pgbouncer]\n");
			ini.append("listen_addr = 127.0.0.1\n");
			ini.append("listen_port = ").append(port).append('\n');
			// No Unix socket: a PgBouncer service on this machine may own the default
			// one.
			ini.append("unix_socket_dir =\n");
			ini.append("auth_type = trust\n");
			ini.append("auth_file = ").append(directory.resolve("userlist.txt")).append('\n');
			ini.append("admin_users = ").append(String.join(",", this.adminUsers)).append('\n');
			ini.append("pool_mode = ").append(this.poolMode).append('\n');
			ini.append("default_pool_size = ").append(this.defaultPoolSize).append('\n');
			ini.append("max_client_conn = ").append(this.maxClientConnections).append('\n');
			// pgjdbc sends it in every startup packet; PgBouncer refuses startup
			// parameters it does not know.
			ini.append("ignore_startup_parameters = extra_float_digits\n");
			if (supportsProtocolPreparedStatements()) {
				// 1.21+ can keep prepared statements itself; off, so that tests see
				// transaction mode's plain rules.
				ini.append("max_prepared_statements = 0\n");
			}
			ini.append("logfile =\n");
			ini.append("pidfile =\n");
			return ini.toString();
		}

		private String userList() {
			StringBuilder list = new StringBuilder();
			this.users.forEach((user, password) -> list.append('"')
				.append(user.replace("\"", "\"\""))
				.append("\" \"")
				.append(password.replace("\"", "\"\""))
				.append("\"\n"));
			return list.toString();
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot find a free port", ex);
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * A user PgBouncer may switch to: {@code postgres} where PostgreSQL is installed,
	 * else {@code nobody}.
	 */
	private static String systemUser() {
		try {
			List<String> passwd = Files.readAllLines(Paths.get("/etc/passwd"));
			if (passwd.stream().anyMatch((line) -> line.startsWith("postgres:"))) {
				return "postgres";
			}
		}
		catch (IOException ex) {
			// fall back below
		}
		return "nobody";
	}

	/**
	 * Lets the user PgBouncer switches to read what root wrote; the log it writes through
	 * an inherited handle.
	 */
	private static void makeReadable(Path directory) {
		try {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make " + directory + " readable for PgBouncer", ex);
		}
	}

}
