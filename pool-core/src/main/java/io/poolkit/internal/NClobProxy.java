package io.poolkit.internal;

import java.sql.NClob;

/**
 * The {@link NClob} a borrower gets; see {@link ClobProxy}. All its methods are generated
 * ({@code NClobProxyImpl}).
 */
@DelegatesTo(NClob.class)
abstract class NClobProxy extends ClobProxy implements NClob {

	/** The same object as {@link #delegate}, typed for the generated calls. */
	final NClob nclob;

	NClobProxy(ConnectionProxy connection, NClob nclob) {
		super(connection, nclob, "NClob");
		this.nclob = nclob;
	}

}
