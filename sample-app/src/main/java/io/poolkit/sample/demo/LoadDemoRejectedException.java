package io.poolkit.sample.demo;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A load demo that will not run: out of its bounds (400) or another one running (409).
 */
public class LoadDemoRejectedException extends ErrorResponseException {

	private LoadDemoRejectedException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	static LoadDemoRejectedException outOfBounds(int concurrency, int seconds) {
		return new LoadDemoRejectedException(HttpStatus.BAD_REQUEST, "Load demo out of bounds",
				"concurrency must be between 1 and " + LoadDemo.MAX_CONCURRENCY + " (was " + concurrency
						+ ") and seconds between 1 and " + LoadDemo.MAX_SECONDS + " (was " + seconds + ").");
	}

	static LoadDemoRejectedException busy() {
		return new LoadDemoRejectedException(HttpStatus.CONFLICT, "Load demo already running",
				"A load demo is already running; one at a time, so that each measures the pool alone. "
						+ "Try again when it has finished.");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
