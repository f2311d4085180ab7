package io.poolkit.sample.demo;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /demo/load?concurrency=200&seconds=20&pooled=true}: runs the load demo and
 * answers with its report when it has finished.
 */
@RestController
class LoadDemoController {

	private final LoadDemo demo;

	LoadDemoController(LoadDemo demo) {
		this.demo = demo;
	}

	@PostMapping("/demo/load")
	LoadReport load(@RequestParam(defaultValue = "200") int concurrency, @RequestParam(defaultValue = "20") int seconds,
			@RequestParam(defaultValue = "true") boolean pooled) {
		return this.demo.run(concurrency, seconds, pooled);
	}

}
