package io.poolkit.internal;

/**
 * The slot a thread used last, held per thread. A borrow tries it first: a thread that
 * keeps borrowing and returning keeps its connection warm in its own cache and stays off
 * the other threads' slots.
 */
final class SlotHint {

	/**
	 * Written and read by the owning thread only (a return on another thread writes it
	 * too, harmlessly).
	 */
	ConnectionSlot slot;

}
