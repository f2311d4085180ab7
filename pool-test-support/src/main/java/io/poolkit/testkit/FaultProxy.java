package io.poolkit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between a driver and a real server that a test can make misbehave, to see
 * the pool survive real network faults: refused connects, a black-holed network,
 * connections cut mid-use. It listens on 127.0.0.1 only, on an ephemeral port, with one
 * daemon thread per direction of each connection; plain blocking sockets keep it simple.
 * <p>
 * The mode can be switched at any time: {@link #pass()} forwards bytes (the initial
 * mode), {@link #refuse()} resets new connections as soon as they are accepted,
 * {@link #stall()} stops forwarding on every connection, old and new, while keeping them
 * open. {@link #stallCurrent()} black-holes only the connections open now, for good, and
 * forwards new ones. {@link #cutAll()} resets the current connections whatever the mode.
 */
public final class FaultProxy implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private static final int BUFFER_SIZE = 16 * 1024;

	private enum Mode {

		PASS, REFUSE, STALL

	}

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger linkNumbers = new AtomicInteger();

	/** Non-null while stalled; forwarding threads wait on it until it is counted down. */
	private final AtomicReference<CountDownLatch> stallGate = new AtomicReference<>();

	private volatile Mode mode = Mode.PASS;

	private volatile boolean closed;

	private FaultProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		daemon("accept", this::acceptLoop).start();
	}

	/**
	 * @return a proxy in pass mode forwarding to {@code targetHost:targetPort}
	 */
	public static FaultProxy start(String targetHost, int targetPort) {
		try {
			return new FaultProxy(targetHost, targetPort);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot open the proxy's listening socket", e);
		}
	}

	/**
	 * @return a proxy in pass mode forwarding to PostgreSQL's default 127.0.0.1:5432
	 */
	public static FaultProxy start() {
		return start("127.0.0.1", 5432);
	}

	public int port() {
		return server.getLocalPort();
	}

	/**
	 * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, reaching the target
	 * through this proxy
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/**
	 * @return client connections accepted so far, refused ones included: the driver's
	 * connection attempts
	 */
	public int acceptedConnections() {
		return accepted.get();
	}

	/**
	 * @return client connections being forwarded (or stalled) now
	 */
	public int openConnections() {
		return links.size();
	}

	/** Forwards bytes again, including those held back while stalled. */
	public void pass() {
		mode = Mode.PASS;
		releaseStall();
	}

	/**
	 * Resets each new connection right after accepting it; open connections keep
	 * forwarding.
	 */
	public void refuse() {
		mode = Mode.REFUSE;
		releaseStall();
	}

	/**
	 * Stops forwarding in both directions on every connection, open and new, but keeps
	 * them open: a black-holed network, where only the client's own timeouts help.
	 */
	public void stall() {
		stallGate.compareAndSet(null, new CountDownLatch(1));
		mode = Mode.STALL;
	}

	/**
	 * Black-holes the connections open now, for good, and forwards new ones: every byte
	 * either side sends on an old connection is dropped (held-back bytes of an earlier
	 * {@link #stall()} included), with no reset, so only the client's own timeouts end
	 * them. The silently dead connections behind a NAT or firewall that forgot them, or
	 * connects under way while the network was down whose packets were lost. New
	 * connections pass from now on; {@link #pass()} does not revive the old ones, only
	 * {@link #cutAll()} or {@link #close()} ends them.
	 */
	public void stallCurrent() {
		links.forEach(Link::blackHole);
		pass();
	}

	/**
	 * Resets every current connection on both sides, as a failing network or server
	 * would; the mode stays.
	 */
	public void cutAll() {
		links.forEach(link -> link.close(true));
	}

	/** Stops listening and resets every connection. */
	@Override
	public void close() {
		closed = true;
		try {
			server.close();
		}
		catch (IOException e) {
			// closing a listening socket has nothing left to fail on that a test cares
			// about
		}
		releaseStall();
		cutAll();
	}

	private void releaseStall() {
		CountDownLatch gate = stallGate.getAndSet(null);
		if (gate != null) {
			gate.countDown();
		}
	}

	private void awaitFlowing() throws InterruptedException {
		CountDownLatch gate;
		while ((gate = stallGate.get()) != null) {
			gate.await();
		}
	}

	private void acceptLoop() {
		while (!closed) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException e) {
				continue; // the loop ends once close() has closed the socket
			}
			accepted.incrementAndGet();
			if (mode == Mode.REFUSE || closed) {
				closeSocket(client, true);
				continue;
			}
			Link link = new Link(client, linkNumbers.incrementAndGet());
			links.add(link);
			link.start();
		}
	}

	private Thread daemon(String role, Runnable task) {
		Thread thread = new Thread(task, "fault-proxy-" + port() + "-" + role);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * An abrupt close sends a TCP reset rather than an orderly end of stream, as a crash
	 * or a firewall would.
	 */
	private static void closeSocket(Socket socket, boolean abrupt) {
		if (socket == null) {
			return;
		}
		try {
			if (abrupt) {
				socket.setSoLinger(true, 0);
			}
			socket.close();
		}
		catch (IOException e) {
			// already gone, which is all we wanted
		}
	}

	/**
	 * One client connection and its connection to the target, with a forwarding thread
	 * for each direction.
	 */
	private final class Link {

		private final Socket client;

		private final Thread toTarget;

		private final Thread toClient;

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile Socket target;

		/** Set by {@link FaultProxy#stallCurrent()}: bytes read are dropped. */
		private volatile boolean blackHoled;

		Link(Socket client, int number) {
			this.client = client;
			this.toTarget = daemon("link" + number + "-up", this::run);
			this.toClient = daemon("link" + number + "-down", () -> forward(target, client));
		}

		void start() {
			toTarget.start();
		}

		private void run() {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
			}
			catch (IOException e) {
				// The target is not there: the client sees its connection reset, as if
				// nothing listened.
				closeSocket(socket, true);
				close(true);
				return;
			}
			target = socket;
			if (closed.get()) { // cut while connecting; close() may not have seen the
								// target socket
				closeSocket(socket, true);
				return;
			}
			toClient.start();
			forward(client, socket);
		}

		private void forward(Socket from, Socket to) {
			byte[] buffer = new byte[BUFFER_SIZE];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int n;
				while ((n = in.read(buffer)) >= 0) {
					awaitFlowing(); // holding the bytes back also stops reading: the
									// sender's buffers fill up
					if (!blackHoled) {
						out.write(buffer, 0, n);
					}
				}
				close(false); // one side ended the conversation: end it on the other side
								// too
			}
			catch (IOException | InterruptedException e) {
				close(true);
			}
		}

		void blackHole() {
			blackHoled = true;
		}

		void close(boolean abrupt) {
			if (!closed.compareAndSet(false, true)) {
				return;
			}
			links.remove(this);
			closeSocket(client, abrupt);
			closeSocket(target, abrupt);
			// Wakes a thread waiting out a stall; threads blocked on a socket wake from
			// the close above.
			toTarget.interrupt();
			toClient.interrupt();
		}

	}

}
