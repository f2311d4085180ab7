package io.poolkit.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Arguments for calling any JDBC method by reflection, as the tests that call every
 * method of a proxied interface do: values that differ by position, so that a swapped or
 * dropped argument shows.
 */
public final class JdbcArguments {

	private JdbcArguments() {
	}

	/**
	 * The arguments of one call of {@code method}.
	 * @param method the method to call
	 * @param other the argument for a parameter type this class has no value for
	 * (classes, interfaces, ...); may return {@code null}
	 * @return one argument per parameter
	 */
	public static Object[] of(Method method, Function<Class<?>, Object> other) {
		Class<?>[] types = method.getParameterTypes();
		Object[] arguments = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			arguments[i] = argument(types[i], i + 1, other);
		}
		return arguments;
	}

	private static Object argument(Class<?> type, int position, Function<Class<?>, Object> other) {
		if (type == int.class) {
			return position;
		}
		if (type == long.class) {
			return (long) position;
		}
		if (type == short.class) {
			return (short) position;
		}
		if (type == byte.class) {
			return (byte) position;
		}
		if (type == float.class) {
			return (float) position;
		}
		if (type == double.class) {
			return (double) position;
		}
		if (type == boolean.class) {
			return true;
		}
		if (type == String.class || type == Object.class) {
			return "argument" + position;
		}
		if (type.isArray()) {
			return Array.newInstance(type.getComponentType(), position);
		}
		if (type == Map.class) {
			return new HashMap<>(Map.of("argument" + position, String.class));
		}
		if (type == Properties.class) {
			Properties properties = new Properties();
			properties.setProperty("argument", String.valueOf(position));
			return properties;
		}
		return other.apply(type);
	}

}
