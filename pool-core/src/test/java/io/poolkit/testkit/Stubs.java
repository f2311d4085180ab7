package io.poolkit.testkit;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Small helpers shared by the stub JDBC classes. */
final class Stubs {

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private Stubs() {
	}

	/**
	 * @return an exception naming the calling JDBC type and method, so a failing test
	 * says at once which call the stub would have to learn
	 */
	static SQLFeatureNotSupportedException unsupported() {
		// The caller is one of the Unsupported* bases; dropping the prefix leaves the
		// JDBC type's name.
		String caller = WALKER.walk(frames -> frames.skip(1)
			.findFirst()
			.map(f -> f.getDeclaringClass().getSimpleName().replaceFirst("^Unsupported", "") + "." + f.getMethodName())
			.orElse("?"));
		return new SQLFeatureNotSupportedException("the stub JDBC driver does not implement " + caller);
	}

	static <T> T unwrap(Object wrapper, Class<T> iface) throws SQLException {
		if (iface.isInstance(wrapper)) {
			return iface.cast(wrapper);
		}
		throw new SQLException(wrapper.getClass().getSimpleName() + " does not wrap " + iface.getName());
	}

}
