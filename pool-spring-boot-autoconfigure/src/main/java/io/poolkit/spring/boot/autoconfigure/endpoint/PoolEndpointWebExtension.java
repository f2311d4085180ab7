package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.util.function.Supplier;

import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.ErrorDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link PoolEndpoint}'s write operations over HTTP, answering a rejected request
 * with 400 and a body that says why. Boot turns an invalid endpoint request into a 400 by
 * itself, but its error body carries the reason only when
 * {@code server.error.include-message} allows it; an operator who asked for
 * {@code maxSize=0} needs to read which setting was refused and what is allowed, whatever
 * the error settings.
 */
@EndpointWebExtension(endpoint = PoolEndpoint.class)
public class PoolEndpointWebExtension {

	private final PoolEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint it answers for
	 */
	public PoolEndpointWebExtension(PoolEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * {@code POST /actuator/pool/{action}}: evict, suspend or resume.
	 * @param action {@code evict}, {@code suspend} or {@code resume}
	 * @return the counts afterwards, or 400 with the reason
	 */
	@WriteOperation
	public WebEndpointResponse<Object> control(@Selector String action) {
		return respond(() -> this.delegate.control(action));
	}

	/**
	 * {@code POST /actuator/pool} with {@code maxSize} and/or {@code minIdle}: resize.
	 * @param maxSize the new {@code max-size}, or {@code null} to keep it
	 * @param minIdle the new {@code min-idle}, or {@code null} to keep it
	 * @return the counts afterwards, or 400 naming each value not allowed and what is
	 */
	@WriteOperation
	public WebEndpointResponse<Object> resize(@Nullable Integer maxSize, @Nullable Integer minIdle) {
		return respond(() -> this.delegate.resize(maxSize, minIdle));
	}

	/**
	 * {@code POST /actuator/pool/{name}/{action}}: evict, suspend, resume or resize the
	 * pool of that name.
	 * @param name the pool's name
	 * @param action {@code evict}, {@code suspend}, {@code resume} or {@code resize}
	 * @param maxSize for {@code resize}: the new {@code max-size}, or {@code null} to
	 * keep it
	 * @param minIdle for {@code resize}: the new {@code min-idle}, or {@code null} to
	 * keep it
	 * @return the counts afterwards, 404 when no pool has that name, or 400 with the
	 * reason
	 */
	@WriteOperation
	public WebEndpointResponse<Object> controlNamed(@Selector String name, @Selector String action,
			@Nullable Integer maxSize, @Nullable Integer minIdle) {
		return respond(() -> this.delegate.controlNamed(name, action, maxSize, minIdle));
	}

	private static WebEndpointResponse<Object> respond(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get(), WebEndpointResponse.STATUS_OK);
		}
		catch (PoolEndpoint.UnknownPoolException ex) {
			return new WebEndpointResponse<>(
					new ErrorDescriptor(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", ex.getReason()),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(
					new ErrorDescriptor(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

}
