package io.poolkit.sample;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Started with no database where it points, the sample stops with Boot's failure report
 * saying what to check, not with a wall of stack traces.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseDownTests {

	@Test
	void startupFailsWithTheFailureAnalyzersReport(CapturedOutput output) throws IOException {
		int closedPort;
		// A port that was free a moment ago: nothing listens there, so connecting is
		// refused at once.
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SpringApplication application = new SpringApplication(SampleApplication.class);
		assertThatException().isThrownBy(() -> application.run("--server.port=0",
				"--app.pool.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/test",
				"--app.pool.initialization-timeout=2s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("127.0.0.1:" + closedPort)
			.contains("Check that the database is running and reachable at app.pool.url")
			.doesNotContain("\tat ");
	}

}
