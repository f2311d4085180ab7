package io.poolkit.spring.boot.autoconfigure.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web application with Actuator, as a user would write one: the pool comes from
 * auto-configuration alone.
 */
@SpringBootApplication
public class PoolTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(PoolTestApplication.class, args);
	}

}
