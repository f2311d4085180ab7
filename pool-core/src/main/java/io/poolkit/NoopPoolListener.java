package io.poolkit;

/**
 * The listener behind {@link PoolListener#noop()}: a single instance, so callers can
 * recognise it by identity and skip work that only feeds a listener.
 */
final class NoopPoolListener implements PoolListener {

	static final NoopPoolListener INSTANCE = new NoopPoolListener();

	private NoopPoolListener() {
	}

	@Override
	public String toString() {
		return "PoolListener.noop()";
	}

}
