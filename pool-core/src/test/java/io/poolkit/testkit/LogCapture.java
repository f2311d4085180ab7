package io.poolkit.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Collects every log line written under a logger (by default all of Poolkit's) while it
 * is open, so tests can assert on what an operator would read — and on what must never
 * appear there.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	private final Logger logger;

	private LogCapture(String loggerName) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
		setContext(this.logger.getLoggerContext());
		start();
		this.logger.addAppender(this);
	}

	/** Captures everything Poolkit logs. */
	public static LogCapture poolkit() {
		return new LogCapture("io.poolkit");
	}

	/** Captures everything logged anywhere. */
	public static LogCapture all() {
		return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		this.events.add(event);
	}

	/** Each line as an operator would read it: level, message and any stack trace. */
	public List<String> lines() {
		return this.events.stream().map(LogCapture::render).toList();
	}

	/** The lines at WARN level. */
	public List<String> warnings() {
		return this.events.stream()
			.filter((event) -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
			.map(LogCapture::render)
			.toList();
	}

	private static String render(ILoggingEvent event) {
		String line = event.getLevel() + " " + event.getFormattedMessage();
		if (event.getThrowableProxy() != null) {
			line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
		}
		return line;
	}

	@Override
	public void close() {
		this.logger.detachAppender(this);
		stop();
	}

}
