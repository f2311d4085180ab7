package io.poolkit.sample.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API answers is an RFC 9457 problem body
 * ({@code application/problem+json}): the application's own exceptions carry theirs,
 * Spring MVC's get one from the base class, and this class words the ones a client is
 * most likely to meet.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiProblems.class);

	// The default says only "Failed to read request"; a client sending broken JSON
	// deserves to know where.
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body could not be read as JSON of the expected shape: " + firstLine(ex));
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * No connection within {@code connection-timeout}, or the database refused a new one
	 * (connection per request under load): the service is overloaded, not broken, so 503
	 * rather than 500.
	 */
	@ExceptionHandler(CannotGetJdbcConnectionException.class)
	ProblemDetail noConnection(CannotGetJdbcConnectionException ex) {
		logger.warn("No database connection: {}", ex.getMostSpecificCause().getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"No database connection could be had: " + ex.getMostSpecificCause().getMessage());
		problem.setTitle("Database connection unavailable");
		return problem;
	}

	private static String firstLine(HttpMessageNotReadableException ex) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
