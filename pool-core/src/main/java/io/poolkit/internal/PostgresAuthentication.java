package io.poolkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of PostgreSQL's password authentication, for {@link PgBouncerConsole}:
 * the MD5 scheme and SCRAM-SHA-256.
 */
final class PostgresAuthentication {

	private PostgresAuthentication() {
	}

	/** PostgreSQL's MD5 password: "md5" + md5(md5(password + user) + salt), in hex. */
	static String md5Password(String user, String password, byte[] salt) throws GeneralSecurityException {
		MessageDigest md5 = MessageDigest.getInstance("MD5");
		HexFormat hex = HexFormat.of();
		String inner = hex
			.formatHex(md5.digest((password + ((user != null) ? user : "")).getBytes(StandardCharsets.UTF_8)));
		md5.update(inner.getBytes(StandardCharsets.US_ASCII));
		md5.update(salt);
		return "md5" + hex.formatHex(md5.digest());
	}

	/**
	 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: no
	 * channel binding, the user name left empty (the startup message carries it), the
	 * password taken as UTF-8 without SASLprep (ASCII passwords are unaffected).
	 */
	static final class Scram {

		private final String password;

		private final String clientNonce;

		private String clientFirstBare;

		private byte[] saltedPassword;

		private String authMessage;

		Scram(String password) {
			this(password, randomNonce());
		}

		Scram(String password, String clientNonce) {
			this.password = password;
			this.clientNonce = clientNonce;
		}

		private static String randomNonce() {
			byte[] nonce = new byte[18];
			new SecureRandom().nextBytes(nonce);
			return Base64.getEncoder().encodeToString(nonce);
		}

		/**
		 * @param user empty for PostgreSQL, which takes the user from the startup message
		 */
		String clientFirst(String user) {
			this.clientFirstBare = "n=" + user + ",r=" + this.clientNonce;
			return "n,," + this.clientFirstBare;
		}

		String clientFinal(String serverFirst) throws GeneralSecurityException, SQLException {
			Map<Character, String> fields = fields(serverFirst);
			String nonce = fields.get('r');
			if (nonce == null || !nonce.startsWith(this.clientNonce) || fields.get('s') == null
					|| fields.get('i') == null) {
				throw new SQLException("PgBouncer's SCRAM challenge is malformed", "28000");
			}
			byte[] salt = Base64.getDecoder().decode(fields.get('s'));
			int iterations = Integer.parseInt(fields.get('i'));
			SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
			this.saltedPassword = pbkdf2
				.generateSecret(new PBEKeySpec(this.password.toCharArray(), salt, iterations, 256))
				.getEncoded();
			byte[] clientKey = hmac(this.saltedPassword, "Client Key");
			byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
			String withoutProof = "c=biws,r=" + nonce;
			this.authMessage = this.clientFirstBare + "," + serverFirst + "," + withoutProof;
			byte[] signature = hmac(storedKey, this.authMessage);
			byte[] proof = new byte[clientKey.length];
			for (int i = 0; i < proof.length; i++) {
				proof[i] = (byte) (clientKey[i] ^ signature[i]);
			}
			return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
		}

		void verifyServerFinal(String serverFinal) throws GeneralSecurityException, SQLException {
			Map<Character, String> fields = fields(serverFinal);
			if (fields.containsKey('e')) {
				throw new SQLException("SCRAM authentication failed: " + fields.get('e'), "28P01");
			}
			byte[] serverKey = hmac(this.saltedPassword, "Server Key");
			String expected = Base64.getEncoder().encodeToString(hmac(serverKey, this.authMessage));
			if (!expected.equals(fields.get('v'))) {
				throw new SQLException(
						"PgBouncer's SCRAM signature does not match: not the server the password belongs to", "28000");
			}
		}

		private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}

		private static Map<Character, String> fields(String message) {
			return Arrays.stream(message.split(","))
				.filter((part) -> part.length() >= 2 && part.charAt(1) == '=')
				.collect(
						Collectors.toMap((part) -> part.charAt(0), (part) -> part.substring(2), (first, last) -> last));
		}

	}

}
