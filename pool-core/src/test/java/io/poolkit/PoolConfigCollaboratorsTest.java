package io.poolkit;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the small types a {@link PoolConfig} carries: {@link Credentials},
 * {@link ConnectionErrorClassifier}, {@link PoolListener}, and the duration formatting
 * its {@code toString()} and messages use.
 */
class PoolConfigCollaboratorsTest {

	@Test
	void credentialsMaskThePassword() {
		Credentials credentials = new Credentials("app", "s3cr3t");
		assertThat(credentials.password()).isEqualTo("s3cr3t");
		assertThat(credentials).hasToString("Credentials[username=app, password=******]");
		assertThat(new Credentials("app", null)).hasToString("Credentials[username=app, password=null]");
		assertThat(credentials).isEqualTo(new Credentials("app", "s3cr3t"));
	}

	@Test
	void noopListenerIsOneInstanceThatIgnoresEverything() {
		PoolListener listener = PoolListener.noop();
		assertThat(PoolListener.noop()).isSameAs(listener);
		listener.connectionAcquired(1);
		listener.connectionReturned(1);
		listener.connectionCreated(1);
		listener.connectionCreationFailed(ConnectionErrorKind.AUTH, new SQLException("no", "28P01"));
		listener.acquireTimedOut(1);
		listener.connectionClosed(CloseReason.IDLE);
		listener.leakDetected("main", 1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			08006 | 0    | true  | true  | true
			08001 | 0    | true  | true  | true
			57P01 | 0    | false | true  | false
			57P02 | 0    | false | true  | false
			57P03 | 0    | false | true  | false
			57P05 | 0    | false | true  | false
			57P04 | 0    | false | false | false
			70100 | 0    | false | false | true
			HY000 | 1927 | false | false | true
			HY000 | 2013 | false | false | true
			HY000 | 2006 | false | false | true
			HY000 | 1053 | false | false | true
			null  | 2013 | false | false | true
			HY000 | 1062 | false | false | false
			23505 | 0    | false | false | false
			42601 | 0    | false | false | false
			null  | 0    | false | false | false
			""")
	void classifiersKnowTheirDatabasesStates(String state, int code, boolean standard, boolean postgresql,
			boolean mariadb) {
		SQLException e = new SQLException("failure", state, code);
		assertThat(ConnectionErrorClassifier.standard().isConnectionBroken(e)).isEqualTo(standard);
		assertThat(ConnectionErrorClassifier.postgresql().isConnectionBroken(e)).isEqualTo(postgresql);
		assertThat(ConnectionErrorClassifier.mariadb().isConnectionBroken(e)).isEqualTo(mariadb);
	}

	@Test
	void classifiersLookAtNextExceptionsAndCauses() {
		SQLException batch = new SQLException("batch failed", "XX000");
		batch.setNextException(new SQLException("terminated", "57P01"));
		assertThat(ConnectionErrorClassifier.postgresql().isConnectionBroken(batch)).isTrue();

		SQLException wrapped = new SQLException("wrapper", null,
				new IOException("io", new SQLException("gone", "08S01")));
		assertThat(ConnectionErrorClassifier.standard().isConnectionBroken(wrapped)).isTrue();
		assertThat(ConnectionErrorClassifier.standard()
			.isConnectionBroken(new SQLIntegrityConstraintViolationException("dup", "23505"))).isFalse();
	}

	@Test
	void classifiersSurviveCyclicChains() {
		SQLException first = new SQLException("first", "42000");
		SQLException second = new SQLException("second", "42000");
		first.setNextException(second);
		second.setNextException(first);
		second.initCause(first);
		assertThat(ConnectionErrorClassifier.mariadb().isConnectionBroken(first)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1ms", "999ms", "1500ms", "1s", "90s", "10m", "2h", "25h", "1d", "7d" })
	void formattedDurationsParseBack(String text) {
		Duration duration = SettingParser.parseDuration(text);
		assertThat(SettingParser.formatDuration(duration)).isEqualTo(text);
	}

	@Test
	void subMillisecondDurationsFormatAsIso() {
		assertThat(SettingParser.formatDuration(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
		assertThat(SettingParser.formatDuration(Duration.ofSeconds(-2))).isEqualTo("-2s");
		assertThat(SettingParser.formatDuration(null)).isEqualTo("null");
	}

}
