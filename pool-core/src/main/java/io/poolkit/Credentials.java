package io.poolkit;

/**
 * A user name and password to open a connection with, as supplied by
 * {@link PoolConfig#credentialsSupplier()} for credentials that rotate (a vault lease, a
 * cloud IAM token).
 *
 * @param username the user name, or {@code null} for the driver's default
 * @param password the password, or {@code null} for none
 */
public record Credentials(String username, String password) {

	/**
	 * Describes these credentials with the password masked, so logging them leaks
	 * nothing.
	 * @return e.g. {@code Credentials[username=app, password=******]}
	 */
	@Override
	public String toString() {
		return "Credentials[username=" + this.username + ", password=" + ((this.password != null) ? Secrets.MASK : null)
				+ "]";
	}

}
