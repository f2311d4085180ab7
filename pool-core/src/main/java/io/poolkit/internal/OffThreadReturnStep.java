package io.poolkit.internal;

import java.sql.SQLException;

/**
 * A step of the return that may send a PostgreSQL cancel request, run on the aborter's
 * threads while the returning thread waits for it within its deadline (see
 * {@link ReturnCleanup#cleanUp}): pgjdbc sends the request over a socket of its own,
 * which neither the watchdog's interrupt nor its abort reaches.
 * <ul>
 * <li>The cancel of the borrow's statements: {@link java.sql.Statement#cancel()} on each
 * still open. pgjdbc cancels only a statement that is running, and waits until the server
 * has the cancel request; the return's cleanup starts only once the step is
 * {@link #done}, so the cancel cannot reach the cleanup's own commands (PostgreSQL
 * ignores a cancel that finds the backend idle). The list is read while the calls being
 * waited for may still change it (a statement created or closed right now): a statement
 * missed here is not cancelled, and the wait then ends at the deadline instead.</li>
 * <li>The close of the statements left open, when the borrower reached the driver's own
 * statements (see {@link ReturnCleanup}): one of them may still run outside the in-flight
 * guard, and pgjdbc's {@code close()} cancels a running statement.</li>
 * </ul>
 */
final class OffThreadReturnStep implements Runnable {

	private final BorrowState borrow;

	/** Close the statements left open, rather than cancel them. */
	private final boolean close;

	/**
	 * What the step threw, an {@link Error} too (the slot must then not count as clean);
	 * written before {@link #done}, read after it.
	 */
	private Throwable failure;

	/**
	 * Set once the step has ended, whatever its outcome; read by the returning thread's
	 * wait.
	 */
	volatile boolean done;

	private OffThreadReturnStep(BorrowState borrow, boolean close) {
		this.borrow = borrow;
		this.close = close;
	}

	static OffThreadReturnStep start(BorrowState borrow, boolean close) {
		OffThreadReturnStep step = new OffThreadReturnStep(borrow, close);
		ConnectionAborter.execute(step);
		return step;
	}

	@Override
	public void run() {
		try {
			if (this.close) {
				ReturnCleanup.closeOpenStatements(this.borrow);
			}
			else {
				ReturnCleanup.cancelStatements(this.borrow);
			}
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
		finally {
			this.done = true;
		}
	}

	/** Throws what the step threw, on the returning thread. */
	void rethrow() throws SQLException {
		if (this.failure instanceof SQLException ex) {
			throw ex;
		}
		if (this.failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (this.failure instanceof Error ex) {
			throw ex;
		}
	}

}
