package io.poolkit.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The admin console client's password arithmetic, against published values; its wire
 * protocol is exercised against a real PgBouncer in {@code AdaptivePgBouncerTest}.
 */
class PostgresAuthenticationTest {

	/**
	 * RFC 7677, section 3: the SCRAM-SHA-256 exchange of user "user", password "pencil".
	 */
	@Test
	void scramSha256MatchesTheRfcExample() throws Exception {
		PostgresAuthentication.Scram scram = new PostgresAuthentication.Scram("pencil", "rOprNGfwEbeRWgbNEkqO");
		assertThat(scram.clientFirst("user")).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
		String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
		assertThat(scram.clientFinal(serverFirst))
			.isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
					+ "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
		assertThatNoException()
			.isThrownBy(() -> scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
	}

	/** PostgreSQL's md5 scheme: "md5" + md5(md5(password + user) + salt). */
	@Test
	void md5PasswordIsPostgresqls() throws Exception {
		byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
		// As Python's hashlib computes it.
		assertThat(PostgresAuthentication.md5Password("alice", "secret", salt))
			.isEqualTo("md5986e2194384c07f4fd1df4b1351b3e68");
	}

}
