package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.spring.boot.autoconfigure.DuplicatePoolNameException.Pool;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link DuplicatePoolNameException} into Boot's "APPLICATION FAILED TO START"
 * report: both pools (bean and prefix) and the {@code name} to set under each prefix.
 */
class DuplicatePoolNameFailureAnalyzer extends AbstractFailureAnalyzer<DuplicatePoolNameException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicatePoolNameException cause) {
		String description = "Two connection pools are named '" + cause.getPoolName() + "':\n\n    " + cause.getFirst()
				+ "\n    " + cause.getSecond()
				+ "\n\nMetrics, health and /actuator/pool tell pools apart by name, so each pool needs its own.";
		return new FailureAnalysis(description, action(cause.getFirst(), cause.getSecond()), cause);
	}

	private static String action(Pool first, Pool second) {
		StringBuilder action = new StringBuilder("Give each pool a name of its own (it tags the pool's meters and keys "
				+ "its health and /actuator/pool entries):");
		for (Pool pool : new Pool[] { first, second }) {
			action.append("\n    ");
			if (pool.prefix() != null) {
				action.append("set ").append(pool.prefix()).append(".name");
			}
			else {
				action.append("set the name in the PoolConfig of ").append(pool).append(" (PoolConfig.Builder.name)");
			}
			if (pool.prefix() != null && pool.beanName() != null) {
				action.append(" (bean '").append(pool.beanName()).append("')");
			}
		}
		return action.toString();
	}

}
