package io.poolkit.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.FilterReader;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.SQLException;

/**
 * The streams of a lent {@link java.sql.Blob}, {@link java.sql.Clob} or
 * {@link java.sql.SQLXML} ({@code getBinaryStream}, {@code setCharacterStream}, ...).
 * pgjdbc's streams of a large object read and write it through the connection as they go,
 * on the descriptor of the transaction that opened it: kept past the return, a read or a
 * flush would reach the next borrower's session (its transaction aborted by the server's
 * "invalid large-object descriptor", or another large object it opened). So each call
 * holds the borrow's in-flight guard and, once the connection is returned, is refused
 * with an {@link IOException} whose cause is the {@link SQLException} of SQLState 08003;
 * {@code close()} then does nothing (what an output stream still buffers is dropped,
 * never written into another borrow), so that cleanup code in a {@code finally} does not
 * fail. A stream costs the guard (and a lambda) per call; a large object's streams are
 * slow anyway, and nothing of this is on the query cycle.
 */
final class LentStreams {

	private LentStreams() {
	}

	static InputStream wrap(ConnectionProxy connection, InputStream in) {
		return (in != null) ? new GuardedInputStream(connection, in) : null;
	}

	static OutputStream wrap(ConnectionProxy connection, OutputStream out) {
		return (out != null) ? new GuardedOutputStream(connection, out) : null;
	}

	static Reader wrap(ConnectionProxy connection, Reader in) {
		return (in != null) ? new GuardedReader(connection, in) : null;
	}

	static Writer wrap(ConnectionProxy connection, Writer out) {
		return (out != null) ? new GuardedWriter(connection, out) : null;
	}

	/**
	 * A call of a stream, inside the guard.
	 * @throws IOException caused by the 08003 error, once the connection is returned
	 */
	private static <T> T guarded(ConnectionProxy connection, IoCall<T> call) throws IOException {
		int guard = connection.enterCall();
		if (guard == BorrowState.REFUSED) {
			SQLException returned = BorrowState.returnedError("Stream");
			throw new IOException(returned.getMessage(), returned);
		}
		try {
			return call.call();
		}
		finally {
			connection.exitCall(guard);
		}
	}

	private static void guardedRun(ConnectionProxy connection, IoAction action) throws IOException {
		guarded(connection, () -> {
			action.run();
			return null;
		});
	}

	/** {@code close()}: inside the guard, nothing once the connection is returned. */
	private static void unlessReturned(ConnectionProxy connection, IoAction action) throws IOException {
		int guard = connection.enterCall();
		if (guard == BorrowState.REFUSED) {
			return;
		}
		try {
			action.run();
		}
		finally {
			connection.exitCall(guard);
		}
	}

	@FunctionalInterface
	private interface IoCall<T> {

		T call() throws IOException;

	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

	private static final class GuardedInputStream extends FilterInputStream {

		private final ConnectionProxy connection;

		GuardedInputStream(ConnectionProxy connection, InputStream in) {
			super(in);
			this.connection = connection;
		}

		@Override
		public int read() throws IOException {
			return guarded(this.connection, this.in::read);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			return guarded(this.connection, () -> this.in.read(bytes, offset, length));
		}

		@Override
		public long skip(long count) throws IOException {
			return guarded(this.connection, () -> this.in.skip(count));
		}

		@Override
		public int available() throws IOException {
			return guarded(this.connection, this.in::available);
		}

		@Override
		public void mark(int limit) {
			// pgjdbc asks the server for the position. After the return no mark is set,
			// and reset() is refused.
			int guard = this.connection.enterCall();
			if (guard == BorrowState.REFUSED) {
				return;
			}
			try {
				this.in.mark(limit);
			}
			finally {
				this.connection.exitCall(guard);
			}
		}

		@Override
		public void reset() throws IOException {
			guardedRun(this.connection, this.in::reset);
		}

		@Override
		public void close() throws IOException {
			unlessReturned(this.connection, this.in::close);
		}

	}

	private static final class GuardedOutputStream extends FilterOutputStream {

		private final ConnectionProxy connection;

		GuardedOutputStream(ConnectionProxy connection, OutputStream out) {
			super(out);
			this.connection = connection;
		}

		@Override
		public void write(int b) throws IOException {
			guardedRun(this.connection, () -> this.out.write(b));
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			// Whole, not byte by byte as FilterOutputStream writes.
			guardedRun(this.connection, () -> this.out.write(bytes, offset, length));
		}

		@Override
		public void flush() throws IOException {
			guardedRun(this.connection, this.out::flush);
		}

		@Override
		public void close() throws IOException {
			unlessReturned(this.connection, this.out::close);
		}

	}

	private static final class GuardedReader extends FilterReader {

		private final ConnectionProxy connection;

		GuardedReader(ConnectionProxy connection, Reader in) {
			super(in);
			this.connection = connection;
		}

		@Override
		public int read() throws IOException {
			return guarded(this.connection, this.in::read);
		}

		@Override
		public int read(char[] chars, int offset, int length) throws IOException {
			return guarded(this.connection, () -> this.in.read(chars, offset, length));
		}

		@Override
		public long skip(long count) throws IOException {
			return guarded(this.connection, () -> this.in.skip(count));
		}

		@Override
		public boolean ready() throws IOException {
			return guarded(this.connection, this.in::ready);
		}

		@Override
		public void mark(int limit) throws IOException {
			guardedRun(this.connection, () -> this.in.mark(limit));
		}

		@Override
		public void reset() throws IOException {
			guardedRun(this.connection, this.in::reset);
		}

		@Override
		public void close() throws IOException {
			unlessReturned(this.connection, this.in::close);
		}

	}

	private static final class GuardedWriter extends FilterWriter {

		private final ConnectionProxy connection;

		GuardedWriter(ConnectionProxy connection, Writer out) {
			super(out);
			this.connection = connection;
		}

		@Override
		public void write(int c) throws IOException {
			guardedRun(this.connection, () -> this.out.write(c));
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			guardedRun(this.connection, () -> this.out.write(chars, offset, length));
		}

		@Override
		public void write(String text, int offset, int length) throws IOException {
			guardedRun(this.connection, () -> this.out.write(text, offset, length));
		}

		@Override
		public void flush() throws IOException {
			guardedRun(this.connection, this.out::flush);
		}

		@Override
		public void close() throws IOException {
			unlessReturned(this.connection, this.out::close);
		}

	}

}
