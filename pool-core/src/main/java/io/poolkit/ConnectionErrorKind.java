package io.poolkit;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * The kind of a failure to open a physical connection, as reported to
 * {@link PoolListener#connectionCreationFailed}, in the {@code pool.errors} metric's
 * {@code kind} tag, in {@link PoolConnectionError#kind()} and in the log.
 */
public enum ConnectionErrorKind {

	/**
	 * Authentication failed: the server refused the user or its credentials, or the
	 * client could not authenticate the way the server demands. SQLState class {@code 28}
	 * ({@code 28P01} wrong password, {@code 28000} unknown role or no {@code pg_hba.conf}
	 * entry for it), and pgjdbc's {@code 08004} when it refuses before sending anything
	 * the server could check: the server asks for a SCRAM or MD5 password and none or an
	 * empty one was given, or for a method pgjdbc cannot use. Retrying does not help
	 * until the credentials (or the server's rules for them) change, so the pool then
	 * retries at its slowest pace and a starting pool fails at once. Not an encryption
	 * the settings require and the server lacks: that is {@link #OTHER}.
	 */
	AUTH,

	/**
	 * Nothing accepted the connection or it was dropped while being opened: the server is
	 * down, restarting or unreachable (connection refused or reset, no route to the host,
	 * unknown host; PostgreSQL's {@code 57P03} cannot connect now, {@code 57P01} and
	 * {@code 57P02} shutting down).
	 */
	REFUSED,

	/**
	 * Opening the connection took longer than allowed: the server or the network did not
	 * answer in time (a socket or login timeout, such as pgjdbc's {@code loginTimeout}).
	 */
	TIMEOUT,

	/**
	 * Anything else: a setting the driver refused (an invalid {@code sslmode}), an
	 * encryption the settings require that the server does not offer (pgjdbc's
	 * {@code 08004} "The server does not support SSL." for {@code sslmode=require} or
	 * {@code verify-full}, the same for {@code gssEncMode=require}), a certificate or key
	 * file that cannot be read, a failed TLS handshake, an error of the server's (too
	 * many clients, {@code 53300}; an unknown database, {@code 3D000}).
	 */
	OTHER;

	/** The lower-case name used as a metric tag value. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Classifies a connect failure by what happened, read from the SQLStates and the
	 * exceptions in its cause chain: class {@code 28} is {@link #AUTH}; a socket, SQL or
	 * concurrent timeout anywhere in the chain is {@link #TIMEOUT}; a refused, reset or
	 * unreachable socket is {@link #REFUSED}; a file that cannot be opened, a security
	 * (key, certificate) or TLS failure is {@link #OTHER}, whatever the SQLState.
	 * <p>
	 * pgjdbc needs two rules of its own, checked against its 42.7 sources: it reports a
	 * failed authentication it detects itself as {@code 08004} (no or empty password for
	 * SCRAM, an authentication method it cannot use), which is {@link #AUTH}, except that
	 * the same SQLState says the server does not offer the SSL or GSS encryption the
	 * settings require, which is {@link #OTHER} (told by the protocol's name in the
	 * message, which pgjdbc's translations keep); and its {@code loginTimeout} expiring
	 * as {@code 08001} "Connection attempt timed out." with no cause, which is
	 * {@link #TIMEOUT}. Its other {@code 08001} errors without a cause are settings it
	 * refused ({@code sslmode}, {@code gssEncMode}, {@code targetServerType},
	 * {@code channelBinding}), which are {@link #OTHER}: pgjdbc always chains the
	 * socket's exception when the network failed. For other drivers a
	 * connection-exception SQLState (class {@code 08}) without a telling cause is
	 * {@link #REFUSED}.
	 * @param failure what opening the connection threw, may be {@code null}
	 * @return its kind, {@link #OTHER} when nothing tells
	 */
	public static ConnectionErrorKind of(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean connectionState = false;
		boolean pgjdbcWithoutCause = false;
		// A TLS, certificate or key problem: the client's settings, not the network.
		boolean local = false;
		for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("28")) {
					return AUTH;
				}
				if (state.equals("57P03") || state.equals("57P01") || state.equals("57P02")) {
					return REFUSED; // starting up or shutting down: not accepting yet
				}
				boolean pgjdbc = t.getClass().getName().startsWith("org.postgresql.");
				if (pgjdbc && state.equals("08004")) {
					return namesEncryption(t.getMessage()) ? OTHER : AUTH;
				}
				if (state.startsWith("08")) {
					connectionState = true;
					if (pgjdbc && t.getCause() == null) {
						if (state.equals("08001") && isTimeoutMessage(t.getMessage())) {
							return TIMEOUT;
						}
						pgjdbcWithoutCause = true;
					}
				}
			}
			if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException
					|| t instanceof TimeoutException) {
				return TIMEOUT;
			}
			// ConnectException, NoRouteToHostException and PortUnreachableException
			// are SocketExceptions, as is a connection reset while logging in.
			if (t instanceof SocketException || t instanceof UnknownHostException || t instanceof EOFException) {
				return REFUSED;
			}
			local |= t instanceof SSLException || t instanceof FileNotFoundException
					|| t instanceof GeneralSecurityException;
		}
		if (pgjdbcWithoutCause || local) {
			return OTHER;
		}
		return connectionState ? REFUSED : OTHER;
	}

	/**
	 * pgjdbc's "The server does not support SSL." / "... GSS Encryption." (and GSS
	 * required without a user): the acronyms stay in every translation.
	 */
	private static boolean namesEncryption(String message) {
		return message != null && (message.contains("SSL") || message.contains("GSS"));
	}

	/**
	 * pgjdbc's login timeout message, in English; under another locale pgjdbc translates
	 * it, and the pool, which knows how long the attempt took, classifies it instead.
	 */
	private static boolean isTimeoutMessage(String message) {
		return message != null && message.toLowerCase(Locale.ROOT).contains("timed out");
	}

}
