package io.poolkit.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written abstract JDBC proxy whose remaining methods the build writes: the
 * annotation processor of the {@code pool-proxy-processor} module generates the final
 * class {@code <ClassName>Impl} (in {@code target/generated-sources/annotations}), which
 * implements every method of {@link #value()} that the abstract class leaves out, the
 * interface's {@code default} methods included, so that each reaches the driver. Each
 * generated method calls the abstract class's hooks:
 * <ul>
 * <li>{@code beforeCall()} first, or {@code beforeSql()} for the methods named in
 * {@link #runsSql()}: they enter the in-flight guard (see {@code BorrowState}) and return
 * a token, or throw;</li>
 * <li>the field whose type is {@link #value()} (the driver's object);</li>
 * <li>{@code wrap(result)} where the class declares a {@code wrap} method for the
 * method's return type, and {@code wrap(result, type)} for {@code <T> T m(..., Class<T>
 * type)} where it declares {@code wrap(T, Class<T>)};</li>
 * <li>{@code throw onError(ex)} for a {@link java.sql.SQLException};</li>
 * <li>{@code afterCall(token)} in a {@code finally}, which leaves the guard.</li>
 * </ul>
 * The methods named in {@link #local()} call neither hook: only {@code checkOpen()},
 * where the class declares it, then the driver's object, in the same try/catch. Source
 * retention: nothing of it reaches the class files.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface DelegatesTo {

	/**
	 * The JDBC interface the proxy implements.
	 * @return the interface
	 */
	Class<?> value();

	/**
	 * Methods (all overloads of each name) that may run SQL on the connection, which with
	 * auto-commit off opens a transaction; they call {@code beforeSql()} instead of
	 * {@code beforeCall()}. A subclass proxy inherits its superclass proxy's names.
	 * @return method names of the interface
	 */
	String[] runsSql() default {};

	/**
	 * Methods (all overloads of each name) that only read what the driver's object holds
	 * in memory: they exchange nothing with the server and write nothing the return
	 * reads, so they need not hold the in-flight guard; the class comment says why each
	 * is safe. Everything not named here is guarded. None may also be in
	 * {@link #runsSql()}. A subclass proxy inherits its superclass proxy's names, for the
	 * overloads of this interface only (not those its subinterface adds).
	 * @return method names of the interface
	 */
	String[] local() default {};

}
