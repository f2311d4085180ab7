package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.poolkit.ConnectionBudget;
import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolSecretsSanitizingFunction;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.AcquireWaitsDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.BorrowedConnectionDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.ConnectionBudgetDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.EventDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.SizingAdviceDescriptor;
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
 * The {@code pool} Actuator endpoint: what the pool is doing and the levers to act on it.
 * <ul>
 * <li>{@code GET /actuator/pool}: settings (secrets masked), counts, who holds
 * connections (with borrow stacks when leak detection is on), recent acquire waits,
 * recent events, sizing advice, the PostgreSQL connection budget and how many pools this
 * JVM holds for the same database. Answered from what the pool knows; never borrows.</li>
 * <li>{@code POST /actuator/pool/evict}, {@code /suspend}, {@code /resume}: retire every
 * connection gracefully, hold borrowers back, let them through again.</li>
 * <li>{@code POST /actuator/pool} with {@code maxSize} and/or {@code minIdle}: resize at
 * run time, validated as at startup.</li>
 * </ul>
 * Every write operation answers with the pool's counts after it. Boot maps each write
 * operation of an endpoint to {@code POST} on the endpoint's path plus its selectors, so
 * evict, suspend and resume share one operation with the action as selector (and need no
 * request body), while resize, which takes a body, is the endpoint's own path.
 * <p>
 * Borrow stacks name the application's classes and methods, so expose this endpoint only
 * where the actuator is secured.
 */
@Endpoint(id = "pool")
public class PoolEndpoint {

	/** The actions {@code POST /actuator/pool/{action}} accepts. */
	static final List<String> ACTIONS = List.of("evict", "suspend", "resume");

	private final PoolDataSource pool;

	private final Sanitizer sanitizer;

	/**
	 * Creates the endpoint of a pool.
	 * @param pool the pool
	 * @param sanitizingFunctions applied to every setting as {@code app.pool.<name>},
	 * after the pool's own {@link PoolSecretsSanitizingFunction}, which is always applied
	 * first
	 */
	public PoolEndpoint(PoolDataSource pool, Iterable<SanitizingFunction> sanitizingFunctions) {
		this.pool = pool;
		this.sanitizer = new Sanitizer(withPoolSecrets(sanitizingFunctions));
	}

	/**
	 * Describes the pool.
	 * @return settings, counts, borrowed connections, waits, events, sizing advice,
	 * budget and the pool count
	 */
	@ReadOperation
	public PoolDescriptor pool() {
		ConnectionBudget budget = this.pool.connectionBudget();
		return new PoolDescriptor(this.pool.name(), PoolSettings.describe(this.pool.config(), this.sanitizer),
				StatsDescriptor.of(this.pool.stats()),
				this.pool.borrowedConnections().stream().map(BorrowedConnectionDescriptor::of).toList(),
				AcquireWaitsDescriptor.of(this.pool.acquireWaits()),
				this.pool.recentEvents().stream().map(EventDescriptor::of).toList(),
				SizingAdviceDescriptor.of(this.pool.sizingAdvice()),
				(budget != null) ? ConnectionBudgetDescriptor.of(budget) : null, this.pool.poolsForSameDatabase());
	}

	/**
	 * Acts on the pool: {@code evict} retires every connection (idle ones now, borrowed
	 * ones when returned; new ones replace them), {@code suspend} makes borrowers wait
	 * (up to their {@code connection-timeout}), {@code resume} lets them through.
	 * @param action {@code evict}, {@code suspend} or {@code resume}
	 * @return the counts afterwards
	 * @throws InvalidEndpointRequestException for any other action
	 */
	@WriteOperation
	public StatsDescriptor control(@Selector String action) {
		switch (action) {
			case "evict" -> this.pool.evictAll();
			case "suspend" -> this.pool.suspend();
			case "resume" -> this.pool.resume();
			case "resize" -> throw invalid("resize is POST /actuator/pool with maxSize and/or minIdle in a JSON body, "
					+ "e.g. {\"maxSize\": 20, \"minIdle\": 5}");
			default -> throw invalid("Unknown pool action '" + action + "'; use one of " + String.join(", ", ACTIONS)
					+ ", or POST /actuator/pool with maxSize and/or minIdle to resize");
		}
		return StatsDescriptor.of(this.pool.stats());
	}

	/**
	 * Changes {@code max-size} and {@code min-idle} while the pool runs, validated as at
	 * startup. When the pool shrinks, idle connections above the new size close now and
	 * borrowed ones as they come back.
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
		if (maxSize == null && minIdle == null) {
			throw invalid("Give maxSize, minIdle or both to resize the pool");
		}
		PoolConfig current = this.pool.config();
		int newMaxSize = (maxSize != null) ? maxSize : current.maxSize();
		boolean minIdleFollows = minIdle == null && current.minIdle() == current.maxSize();
		int newMinIdle = (minIdle != null) ? minIdle : minIdleFollows ? newMaxSize : current.minIdle();
		try {
			this.pool.resize(newMaxSize, newMinIdle);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), problems(ex.getMessage(), minIdleFollows), ex);
		}
		return StatsDescriptor.of(this.pool.stats());
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

}
