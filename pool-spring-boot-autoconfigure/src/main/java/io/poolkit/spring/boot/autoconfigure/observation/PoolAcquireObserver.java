package io.poolkit.spring.boot.autoconfigure.observation;

import java.sql.Connection;
import java.sql.SQLException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.poolkit.AcquireObserver;
import io.poolkit.PoolDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Observes each borrow of a pool as a {@code poolkit.acquire} {@link Observation}: it
 * starts when the borrower calls {@code getConnection()} and stops when the borrower has
 * a connection or gives up, so its duration is the wait; its parent is the borrower's
 * current observation (the request's, with Micrometer Tracing its span), so the borrow
 * shows in the request's trace. A borrow that fails records the exception as the
 * observation's error. Thread safe.
 */
public class PoolAcquireObserver implements AcquireObserver {

	private final ObservationRegistry registry;

	private final @Nullable PoolAcquireObservationConvention convention;

	/**
	 * Creates an observer.
	 * @param registry where observations go
	 * @param convention the names and key values, or {@code null} for
	 * {@link DefaultPoolAcquireObservationConvention}
	 */
	public PoolAcquireObserver(ObservationRegistry registry, @Nullable PoolAcquireObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Connection observe(PoolDataSource pool, Acquire acquire) throws SQLException {
		PoolAcquireContext context = new PoolAcquireContext(pool.name());
		Observation observation = Observation
			.createNotStarted(this.convention, DefaultPoolAcquireObservationConvention.INSTANCE, () -> context,
					this.registry)
			.start();
		try {
			Connection connection = acquire.get();
			context.setOutcome(PoolAcquireOutcome.SUCCESS);
			return connection;
		}
		catch (SQLException | RuntimeException | Error ex) {
			context.setOutcome(PoolAcquireOutcome.of(ex));
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
