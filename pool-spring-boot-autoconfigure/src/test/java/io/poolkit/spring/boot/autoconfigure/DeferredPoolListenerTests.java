package io.poolkit.spring.boot.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeferredPoolListener}: events before the first attach are replayed in order,
 * later ones forwarded.
 */
class DeferredPoolListenerTests {

	@Test
	void replaysEarlyEventsInOrderThenForwards() {
		DeferredPoolListener deferred = new DeferredPoolListener();
		deferred.connectionCreated(5);
		deferred.connectionAcquired(0);
		deferred.connectionCreationFailed(ConnectionErrorKind.REFUSED, new SQLException("refused", "08001"));
		Recorder recorder = new Recorder();
		deferred.attach(recorder);
		assertThat(recorder.events).containsExactly("created 5", "acquired 0", "failed refused");
		deferred.connectionReturned(7);
		deferred.connectionClosed(CloseReason.IDLE);
		deferred.acquireTimedOut(9);
		deferred.leakDetected("worker-1", 11);
		assertThat(recorder.events).containsExactly("created 5", "acquired 0", "failed refused", "returned 7",
				"closed idle", "timed out 9", "leak worker-1 11");
		assertThat(deferred.isAttached()).isTrue();
	}

	@Test
	void aSecondListenerGetsLaterEventsOnly() {
		DeferredPoolListener deferred = new DeferredPoolListener();
		deferred.connectionCreated(1);
		Recorder first = new Recorder();
		Recorder second = new Recorder();
		deferred.attach(first);
		deferred.attach(second);
		deferred.connectionAcquired(2);
		assertThat(first.events).containsExactly("created 1", "acquired 2");
		assertThat(second.events).containsExactly("acquired 2");
	}

	@Test
	void releaseDropsTheBufferWhenNobodyCame() {
		DeferredPoolListener deferred = new DeferredPoolListener();
		deferred.connectionCreated(1);
		deferred.release();
		deferred.connectionAcquired(2);
		assertThat(deferred.isAttached()).isFalse();
		Recorder late = new Recorder();
		deferred.attach(late);
		deferred.connectionAcquired(3);
		assertThat(late.events).containsExactly("acquired 3");
	}

	@Test
	void releaseAfterAttachChangesNothing() {
		DeferredPoolListener deferred = new DeferredPoolListener();
		Recorder recorder = new Recorder();
		deferred.attach(recorder);
		deferred.release();
		deferred.connectionAcquired(1);
		assertThat(recorder.events).containsExactly("acquired 1");
	}

	@Test
	void stopsBufferingWhenFullButKeepsWhatItHas() {
		DeferredPoolListener deferred = new DeferredPoolListener();
		for (int i = 0; i < DeferredPoolListener.MAX_EARLY_EVENTS + 5; i++) {
			deferred.connectionAcquired(i);
		}
		Recorder recorder = new Recorder();
		deferred.attach(recorder);
		assertThat(recorder.events).hasSize(DeferredPoolListener.MAX_EARLY_EVENTS)
			.startsWith("acquired 0")
			.endsWith("acquired " + (DeferredPoolListener.MAX_EARLY_EVENTS - 1));
	}

	static final class Recorder implements PoolListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void connectionAcquired(long waitNanos) {
			this.events.add("acquired " + waitNanos);
		}

		@Override
		public void connectionReturned(long heldNanos) {
			this.events.add("returned " + heldNanos);
		}

		@Override
		public void connectionCreated(long creationNanos) {
			this.events.add("created " + creationNanos);
		}

		@Override
		public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
			this.events.add("failed " + kind.tag());
		}

		@Override
		public void acquireTimedOut(long waitNanos) {
			this.events.add("timed out " + waitNanos);
		}

		@Override
		public void connectionClosed(CloseReason reason) {
			this.events.add("closed " + reason.tag());
		}

		@Override
		public void leakDetected(String holderThread, long heldNanos) {
			this.events.add("leak " + holderThread + " " + heldNanos);
		}

	}

}
