package io.poolkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal client of PgBouncer's admin console: the PostgreSQL wire protocol's startup,
 * authentication (trust, cleartext, and {@link PostgresAuthentication}: MD5 and
 * SCRAM-SHA-256) and simple query, nothing else.
 * <p>
 * pgjdbc cannot be used there: the console reports PgBouncer's own version as
 * {@code server_version}, which pgjdbc reads as a server older than 9.0 and answers with
 * {@code SET extra_float_digits}, which the console refuses ({@code SET failed}) whatever
 * the connection properties say (pgjdbc 42.7). Every read is bounded by the socket
 * timeout; not thread-safe; one query at a time.
 */
final class PgBouncerConsole implements AutoCloseable {

	private static final int PROTOCOL_3_0 = 196608;

	private static final int SSL_REQUEST = 80877103;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private PgBouncerConsole(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects and logs in to the database {@code pgbouncer}.
	 * @param host PgBouncer's host
	 * @param port its port
	 * @param tls {@code null} for a plain connection, else whether to verify the host
	 * name against the certificate (which the JVM's trust store must accept)
	 * @param user the user
	 * @param password the password, or {@code null}
	 * @param applicationName shown in {@code SHOW CLIENTS}
	 * @param timeoutMillis bound of the connect and of every read
	 * @return the console, logged in
	 * @throws SQLException when the connection, TLS or the login fails (SQLState as the
	 * console gave it, else {@code 08001})
	 */
	static PgBouncerConsole connect(String host, int port, Boolean tls, String user, String password,
			String applicationName, int timeoutMillis) throws SQLException {
		Socket socket = new Socket();
		try {
			socket.setSoTimeout(timeoutMillis);
			socket.connect(new InetSocketAddress(host, port), timeoutMillis);
			if (tls != null) {
				socket = startTls(socket, host, port, tls);
			}
			PgBouncerConsole console = new PgBouncerConsole(socket);
			console.login(user, password, applicationName);
			return console;
		}
		catch (IOException | GeneralSecurityException | RuntimeException | SQLException ex) {
			closeQuietly(socket);
			throw (ex instanceof SQLException sql) ? sql : new SQLException(
					"cannot reach PgBouncer's admin console at " + host + ":" + port + ": " + ex, "08001", ex);
		}
	}

	private static Socket startTls(Socket socket, String host, int port, boolean verifyHost) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array());
		out.flush();
		int answer = socket.getInputStream().read();
		if (answer != 'S') {
			throw new IOException("PgBouncer does not accept TLS, which the url's sslmode requires");
		}
		SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port,
				true);
		if (verifyHost) {
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			tls.setSSLParameters(parameters);
		}
		tls.startHandshake();
		return tls;
	}

	private void login(String user, String password, String applicationName)
			throws IOException, SQLException, GeneralSecurityException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeInt(body, PROTOCOL_3_0);
		for (String value : new String[] { "user", (user != null) ? user : "", "database", "pgbouncer",
				"application_name", applicationName, "" }) {
			body.writeBytes(cString(value));
		}
		send((byte) 0, body.toByteArray());
		PostgresAuthentication.Scram scram = null;
		for (;;) {
			int type = this.in.readUnsignedByte();
			byte[] message = readBody();
			switch (type) {
				case 'R' -> {
					ByteBuffer data = ByteBuffer.wrap(message);
					int code = data.getInt();
					switch (code) {
						case 0 -> {
						}
						case 3 -> send((byte) 'p', cString(requirePassword(password)));
						case 5 -> {
							byte[] salt = new byte[4];
							data.get(salt);
							send((byte) 'p',
									cString(PostgresAuthentication.md5Password(user, requirePassword(password), salt)));
						}
						case 10 -> {
							scram = new PostgresAuthentication.Scram(requirePassword(password));
							sendSaslInitial(scram.clientFirst(""));
						}
						case 11 -> send((byte) 'p', scram.clientFinal(rest(data)).getBytes(StandardCharsets.UTF_8));
						case 12 -> scram.verifyServerFinal(rest(data));
						default -> throw new SQLException(
								"PgBouncer asks for an authentication (code " + code + ") this client does not speak",
								"28000");
					}
				}
				case 'E' -> throw error(message);
				case 'Z' -> {
					return;
				}
				default -> {
					// ParameterStatus, BackendKeyData, notices: nothing to do
				}
			}
		}
	}

	private static String requirePassword(String password) throws SQLException {
		if (password == null) {
			throw new SQLException("PgBouncer asks for a password and none is configured", "28P01");
		}
		return password;
	}

	/**
	 * Runs one console command.
	 * @param command e.g. {@code SHOW POOLS}
	 * @return the rows, each column by name (values as text, {@code null} for NULL)
	 * @throws SQLException the console's error, or 08006 when the connection failed
	 */
	List<Map<String, String>> query(String command) throws SQLException {
		try {
			send((byte) 'Q', cString(command));
			List<String> columns = new ArrayList<>();
			List<Map<String, String>> rows = new ArrayList<>();
			SQLException failure = null;
			for (;;) {
				int type = this.in.readUnsignedByte();
				byte[] message = readBody();
				switch (type) {
					case 'T' -> {
						columns.clear();
						ByteBuffer data = ByteBuffer.wrap(message);
						int count = data.getShort();
						for (int i = 0; i < count; i++) {
							columns.add(readString(data));
							data.position(data.position() + 18);
						}
					}
					case 'D' -> {
						ByteBuffer data = ByteBuffer.wrap(message);
						int count = data.getShort();
						Map<String, String> row = new LinkedHashMap<>();
						for (int i = 0; i < count; i++) {
							int length = data.getInt();
							String value = (length >= 0)
									? new String(message, data.position(), length, StandardCharsets.UTF_8) : null;
							data.position(data.position() + Math.max(0, length));
							row.put((i < columns.size()) ? columns.get(i) : "column" + i, value);
						}
						rows.add(row);
					}
					case 'E' -> failure = error(message);
					case 'Z' -> {
						if (failure != null) {
							throw failure;
						}
						return rows;
					}
					default -> {
						// CommandComplete, notices
					}
				}
			}
		}
		catch (IOException ex) {
			throw new SQLException("PgBouncer's admin console did not answer '" + command + "': " + ex, "08006", ex);
		}
	}

	@Override
	public void close() {
		try {
			send((byte) 'X', new byte[0]);
		}
		catch (IOException ex) {
			// closing anyway
		}
		closeQuietly(this.socket);
	}

	// ---- the wire

	private void send(byte type, byte[] body) throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 5);
		if (type != 0) {
			message.write(type);
		}
		writeInt(message, body.length + 4);
		message.write(body);
		this.out.write(message.toByteArray());
		this.out.flush();
	}

	private void sendSaslInitial(String clientFirst) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(cString("SCRAM-SHA-256"));
		byte[] data = clientFirst.getBytes(StandardCharsets.UTF_8);
		writeInt(body, data.length);
		body.write(data);
		send((byte) 'p', body.toByteArray());
	}

	private byte[] readBody() throws IOException {
		int length = this.in.readInt() - 4;
		if (length < 0 || length > 16 * 1024 * 1024) {
			throw new IOException("not a PostgreSQL protocol message (length " + (length + 4) + ")");
		}
		byte[] body = new byte[length];
		this.in.readFully(body);
		return body;
	}

	private static SQLException error(byte[] message) {
		ByteBuffer data = ByteBuffer.wrap(message);
		String state = "08001";
		String text = "error";
		while (data.hasRemaining()) {
			byte field = data.get();
			if (field == 0) {
				break;
			}
			String value = readString(data);
			if (field == 'C') {
				state = value;
			}
			else if (field == 'M') {
				text = value;
			}
		}
		return new SQLException(text, state);
	}

	private static String readString(ByteBuffer data) {
		int start = data.position();
		while (data.get() != 0) {
			// to the terminator
		}
		return new String(data.array(), start, data.position() - start - 1, StandardCharsets.UTF_8);
	}

	private static String rest(ByteBuffer data) {
		return new String(data.array(), data.position(), data.remaining(), StandardCharsets.UTF_8);
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
	}

	/** A string as the protocol sends it: UTF-8, ended by a zero byte. */
	private static byte[] cString(String value) {
		return (value + '\0').getBytes(StandardCharsets.UTF_8);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
