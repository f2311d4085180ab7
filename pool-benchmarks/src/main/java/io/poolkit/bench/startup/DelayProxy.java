package io.poolkit.bench.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the database that makes every new connection cost
 * {@code delayMillis} more, as a network round trip and TLS would, while the bytes of an
 * open connection pass without delay. PostgreSQL over loopback connects in a few
 * milliseconds, too little to tell a pool that opens connections one after another from
 * one that opens them together.
 */
final class DelayProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String upstreamHost;

	private final int upstreamPort;

	private final long delayMillis;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Starts a proxy in front of the database of a PostgreSQL JDBC URL.
	 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}
	 * @param delayMillis the cost added to each new connection
	 */
	DelayProxy(String jdbcUrl, long delayMillis) throws IOException {
		URI database = uri(jdbcUrl);
		this.upstreamHost = database.getHost();
		this.upstreamPort = (database.getPort() >= 0) ? database.getPort() : 5432;
		this.delayMillis = delayMillis;
		this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		daemon("delay-proxy-accept", this::accept).start();
	}

	/**
	 * @return {@code jdbcUrl} pointed at this proxy: same database and parameters, this
	 * proxy's host and port
	 */
	String proxied(String jdbcUrl) {
		URI database = uri(jdbcUrl);
		String rest = database.getRawPath() + ((database.getRawQuery() != null) ? "?" + database.getRawQuery() : "");
		return "jdbc:" + database.getScheme() + "://127.0.0.1:" + this.server.getLocalPort() + rest;
	}

	private static URI uri(String jdbcUrl) {
		return URI.create(jdbcUrl.substring("jdbc:".length()));
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				daemon("delay-proxy-connect", () -> connect(client)).start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void connect(Socket client) {
		try {
			Thread.sleep(this.delayMillis);
			Socket upstream = new Socket(this.upstreamHost, this.upstreamPort);
			this.sockets.add(upstream);
			client.setTcpNoDelay(true);
			upstream.setTcpNoDelay(true);
			daemon("delay-proxy-up", () -> pump(client, upstream)).start();
			pump(upstream, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly(client);
		}
	}

	/**
	 * Copies until either side ends, then closes both, as a real connection drop would.
	 */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void closeQuietly(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.server.close();
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
	}

}
