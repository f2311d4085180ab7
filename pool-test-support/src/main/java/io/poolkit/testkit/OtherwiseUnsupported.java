package io.poolkit.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written abstract stub JDBC class whose remaining methods the build writes:
 * the {@code UnsupportedProcessor} of the {@code pool-proxy-processor} module generates
 * the final class {@code <ClassName>Impl} (in
 * {@code target/generated-sources/annotations}), which implements every abstract method
 * of {@link #value()} that the class leaves out by throwing
 * {@link java.sql.SQLFeatureNotSupportedException} naming the interface and method. So a
 * stub spells out only what pools and benchmarks call, and a test that touches anything
 * else fails loudly instead of getting a made-up answer. Interface {@code default}
 * methods keep their default body; the {@link java.sql.Wrapper} pair answers for the
 * object itself. Source retention: nothing of it reaches the class files.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface OtherwiseUnsupported {

	/**
	 * The JDBC interface the stub implements.
	 * @return the interface
	 */
	Class<?> value();

}
