package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.poolkit.ConnectionBudget;
import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSources;
import io.poolkit.spring.boot.autoconfigure.PoolSecretsSanitizingFunction;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.AcquireWaitsDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.BorrowedConnectionDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.ConnectionBudgetDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.EventDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.SizingAdviceDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.SizingDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.StatsDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code pool} Actuator endpoint: what the pools are doing and the levers to act on
 * them. An application's pools ({@link PoolDataSources}) are each reached by name; the
 * endpoint's own path answers for the application's main pool, the one its
 * {@code DataSource} is, as it did before there could be several:
 * <ul>
 * <li>{@code GET /actuator/pool}: the main pool's settings (secrets masked), counts, who
 * holds connections (with borrow stacks when leak detection is on), recent acquire waits,
 * recent events, sizing advice, how the pool sizes itself (in adaptive mode its last
 * decision and its share of the fleet's budget), the PostgreSQL connection budget, how
 * many pools this JVM holds for the same database, and the names of all the application's
 * pools. {@code GET /actuator/pool/{name}}: the same for the pool of that name (404 when
 * there is none). Answered from what the pools know; never borrows.</li>
 * <li>{@code POST /actuator/pool/evict}, {@code /suspend}, {@code /resume}: retire every
 * connection of the main pool gracefully, hold its borrowers back, let them through
 * again. {@code POST /actuator/pool} with {@code maxSize} and/or {@code minIdle}: resize
 * it at run time, validated as at startup.</li>
 * <li>{@code POST /actuator/pool/{name}/evict}, {@code /suspend}, {@code /resume}, and
 * {@code /resize} with {@code maxSize} and/or {@code minIdle}: the same for the pool of
 * that name.</li>
 * </ul>
 * Every write operation answers with the pool's counts after it. Boot maps each write
 * operation of an endpoint to {@code POST} on the endpoint's path plus its selectors, so
 * evict, suspend and resume share one operation with the action as selector (and need no
 * request body), while resizing the main pool, which takes a body, is the endpoint's own
 * path.
 * <p>
 * Borrow stacks name the application's classes and methods, so expose this endpoint only
 * where the actuator is secured.
 */
@Endpoint(id = "pool")
public class PoolEndpoint {

	/** The actions {@code POST /actuator/pool/{action}} accepts. */
	static final List<String> ACTIONS = List.of("evict", "suspend", "resume");

	private final Supplier<PoolDataSources> pools;

	private final Sanitizer sanitizer;

	/**
	 * Creates the endpoint of one pool.
	 * @param pool the pool
	 * @param sanitizingFunctions applied to every setting as {@code app.pool.<name>},
	 * after the pool's own {@link PoolSecretsSanitizingFunction}, which is always applied
	 * first
	 */
	public PoolEndpoint(PoolDataSource pool, Iterable<SanitizingFunction> sanitizingFunctions) {
		this(() -> PoolDataSources.of(pool), sanitizingFunctions);
	}

	/**
	 * Creates the endpoint of an application's pools.
	 * @param pools the pools, asked for on each operation, so that it sees every pool of
	 * the context however late it was created
	 * @param sanitizingFunctions applied to every setting as {@code app.pool.<name>},
	 * after the pool's own {@link PoolSecretsSanitizingFunction}, which is always applied
	 * first
	 */
	public PoolEndpoint(Supplier<PoolDataSources> pools, Iterable<SanitizingFunction> sanitizingFunctions) {
		this.pools = pools;
		this.sanitizer = new Sanitizer(withPoolSecrets(sanitizingFunctions));
	}

	/**
	 * Describes the application's main pool.
	 * @return settings, counts, borrowed connections, waits, events, sizing advice, how
	 * the pool sizes itself, budget, the pool count and the names of all pools;
	 * {@code null} (404) when the application has no pool
	 */
	@ReadOperation
	public @Nullable PoolDescriptor pool() {
		PoolDataSources pools = this.pools.get();
		PoolDataSource main = pools.main();
		return (main != null) ? describe(main, pools) : null;
	}

	/**
	 * Describes one pool.
	 * @param name the pool's name
	 * @return what {@link #pool()} gives for the main pool; {@code null} (404) when no
	 * pool has that name
	 */
	@ReadOperation
	public @Nullable PoolDescriptor poolNamed(@Selector String name) {
		PoolDataSources pools = this.pools.get();
		PoolDataSource pool = pools.get(name);
		return (pool != null) ? describe(pool, pools) : null;
	}

	private PoolDescriptor describe(PoolDataSource pool, PoolDataSources pools) {
		ConnectionBudget budget = pool.connectionBudget();
		return new PoolDescriptor(pool.name(), PoolSettings.describe(pool.config(), this.sanitizer),
				StatsDescriptor.of(pool.stats()),
				pool.borrowedConnections().stream().map(BorrowedConnectionDescriptor::of).toList(),
				AcquireWaitsDescriptor.of(pool.acquireWaits()),
				pool.recentEvents().stream().map(EventDescriptor::of).toList(),
				SizingAdviceDescriptor.of(pool.sizingAdvice()),
				SizingDescriptor.of(pool.config().sizingMode(), pool.sizingDecision(), pool.fleetBudget()),
				(budget != null) ? ConnectionBudgetDescriptor.of(budget) : null, pool.poolsForSameDatabase(),
				List.copyOf(pools.byName().keySet()));
	}

	/**
	 * Acts on the main pool: {@code evict} retires every connection (idle ones now,
	 * borrowed ones when returned; new ones replace them), {@code suspend} makes
	 * borrowers wait (up to their {@code connection-timeout}), {@code resume} lets them
	 * through.
	 * @param action {@code evict}, {@code suspend} or {@code resume}
	 * @return the counts afterwards
	 * @throws InvalidEndpointRequestException for any other action, or when the
	 * application has no pool
	 */
	@WriteOperation
	public StatsDescriptor control(@Selector String action) {
		PoolDataSource pool = main();
		if (action.equals("resize")) {
			throw invalid("resize is POST /actuator/pool with maxSize and/or minIdle in a JSON body, "
					+ "e.g. {\"maxSize\": 20, \"minIdle\": 5}");
		}
		act(pool, action, "POST /actuator/pool with maxSize and/or minIdle to resize");
		return StatsDescriptor.of(pool.stats());
	}

	/**
	 * Changes the main pool's {@code max-size} and {@code min-idle} while it runs,
	 * validated as at startup. When the pool shrinks, idle connections above the new size
	 * close now and borrowed ones as they come back.
	 * <p>
	 * A value left out keeps its setting, with one exception: a pool whose
	 * {@code min-idle} equals its {@code max-size} (the default, a fixed-size pool) stays
	 * fixed-size when only {@code maxSize} is given, so growing it opens connections and
	 * shrinking it is not refused for a {@code min-idle} above the new size.
	 * @param maxSize the new {@code max-size}, or {@code null} to keep it
	 * @param minIdle the new {@code min-idle}, or {@code null} to keep it
	 * @return the counts afterwards
	 * @throws InvalidEndpointRequestException when neither is given, or naming each value
	 * not allowed and what is
	 */
	@WriteOperation
	public StatsDescriptor resize(@Nullable Integer maxSize, @Nullable Integer minIdle) {
		PoolDataSource pool = main();
		resize(pool, maxSize, minIdle);
		return StatsDescriptor.of(pool.stats());
	}

	/**
	 * Acts on the pool of a name: {@code evict}, {@code suspend} and {@code resume} as
	 * {@link #control(String)} does for the main pool, and {@code resize} with
	 * {@code maxSize} and/or {@code minIdle} as {@link #resize(Integer, Integer)} does.
	 * @param name the pool's name
	 * @param action {@code evict}, {@code suspend}, {@code resume} or {@code resize}
	 * @param maxSize for {@code resize}: the new {@code max-size}, or {@code null} to
	 * keep it
	 * @param minIdle for {@code resize}: the new {@code min-idle}, or {@code null} to
	 * keep it
	 * @return the counts afterwards
	 * @throws InvalidEndpointRequestException for an unknown action or a bad size
	 * @throws UnknownPoolException when no pool has that name
	 */
	@WriteOperation
	public StatsDescriptor controlNamed(@Selector String name, @Selector String action, @Nullable Integer maxSize,
			@Nullable Integer minIdle) {
		PoolDataSources pools = this.pools.get();
		PoolDataSource pool = pools.get(name);
		if (pool == null) {
			throw new UnknownPoolException(name, pools);
		}
		if (action.equals("resize")) {
			resize(pool, maxSize, minIdle);
		}
		else {
			act(pool, action, "POST /actuator/pool/" + name + "/resize with maxSize and/or minIdle to resize");
		}
		return StatsDescriptor.of(pool.stats());
	}

	private PoolDataSource main() {
		PoolDataSource main = this.pools.get().main();
		if (main == null) {
			throw invalid("The application has no pool");
		}
		return main;
	}

	private static void act(PoolDataSource pool, String action, String resizeHint) {
		switch (action) {
			case "evict" -> pool.evictAll();
			case "suspend" -> pool.suspend();
			case "resume" -> pool.resume();
			default -> throw invalid("Unknown pool action '" + action + "'; use one of " + String.join(", ", ACTIONS)
					+ ", or " + resizeHint);
		}
	}

	private static void resize(PoolDataSource pool, @Nullable Integer maxSize, @Nullable Integer minIdle) {
		if (maxSize == null && minIdle == null) {
			throw invalid("Give maxSize, minIdle or both to resize the pool");
		}
		PoolConfig current = pool.config();
		int newMaxSize = (maxSize != null) ? maxSize : current.maxSize();
		boolean minIdleFollows = minIdle == null && current.minIdle() == current.maxSize();
		int newMinIdle = (minIdle != null) ? minIdle : minIdleFollows ? newMaxSize : current.minIdle();
		try {
			pool.resize(newMaxSize, newMinIdle);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), problems(ex.getMessage(), minIdleFollows), ex);
		}
	}

	// The pool's own masking comes first and cannot be left out: a pool defined without
	// the auto-configuration has
	// no such bean, and its password must stay hidden all the same.
	private static List<SanitizingFunction> withPoolSecrets(Iterable<SanitizingFunction> sanitizingFunctions) {
		List<SanitizingFunction> functions = new ArrayList<>();
		functions.add(new PoolSecretsSanitizingFunction());
		for (SanitizingFunction function : sanitizingFunctions) {
			if (!(function instanceof PoolSecretsSanitizingFunction)) {
				functions.add(function);
			}
		}
		return functions;
	}

	/**
	 * The client's part of pool-core's message, which words each problem as
	 * {@code "  - <setting>: <what is
	 * allowed>"} under a heading: one problem per line. A min-idle that only followed a
	 * bad max-size is bad for the same reason, so its line would just repeat the max-size
	 * one and name a value the client never sent.
	 */
	private static String problems(String message, boolean minIdleFollows) {
		String problems = Arrays.stream(message.split("\n"))
			.map(String::strip)
			.filter((line) -> line.startsWith("- "))
			.map((line) -> line.substring(2))
			.filter((line) -> !(minIdleFollows && line.startsWith("min-idle:")))
			.collect(Collectors.joining("\n"));
		return problems.isEmpty() ? message : problems;
	}

	private static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

	/**
	 * No pool has the name a write operation was given: 404 over HTTP.
	 */
	public static final class UnknownPoolException extends InvalidEndpointRequestException {

		UnknownPoolException(String name, PoolDataSources pools) {
			super(message(name, pools), message(name, pools));
		}

		private static String message(String name, PoolDataSources pools) {
			return "No pool is named '" + name + "'; the application's pools are "
					+ String.join(", ", pools.byName().keySet());
		}

	}

}
