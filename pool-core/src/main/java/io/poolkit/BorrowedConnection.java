package io.poolkit;

import java.time.Duration;

/**
 * A connection lent out now, for answering "who is holding my connections?".
 *
 * @param holderThread the name of the borrowing thread
 * @param heldFor how long it has been held, to about a millisecond (the borrow's start is
 * read from the pool's ticking clock)
 * @param borrowStack where it was borrowed, when {@code leak-detection-threshold} is set;
 * otherwise empty
 */
public record BorrowedConnection(String holderThread, Duration heldFor, StackTraceElement[] borrowStack) {

	@Override
	public String toString() {
		return this.holderThread + " for " + this.heldFor.toMillis() + " ms";
	}

}
