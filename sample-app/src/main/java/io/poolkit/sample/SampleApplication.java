package io.poolkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Poolkit's sample: a small users-and-orders web application whose {@code DataSource} is
 * a Poolkit pool, with Actuator, a load demo ({@code POST /demo/load}) and a live
 * dashboard at {@code /}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
