package io.poolkit.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements a borrow leaves open are listed on the slot, in an array the slot keeps
 * for its next borrows: a borrow with statements allocates no list, and the return still
 * closes every statement left open and leaves the list empty for the next borrower.
 */
class OpenStatementListTest {

	private final StubDatabase database = StubDatabase.create();

	@Test
	void theSlotKeepsItsListOfOpenStatementsForItsNextBorrows() throws SQLException {
		Connection physical = DriverManager.getConnection(this.database.url());
		ConnectionSlot slot = TestDatabase.slot(physical,
				new ConnectionDefaults(true, Connection.TRANSACTION_READ_COMMITTED, false, null, null, 0));

		ConnectionProxy first = new ConnectionProxyImpl(slot);
		Statement closedByItsBorrower = first.createStatement();
		Statement forgotten = first.createStatement();
		closedByItsBorrower.close();
		first.close();
		assertThat(forgotten.isClosed()).as("closed by the return").isTrue();
		StatementProxy[] list = slot.openStatements;
		assertThat(list).isNotNull().containsOnlyNulls();
		assertThat(slot.openStatementCount).isZero();

		ConnectionProxy second = new ConnectionProxyImpl(slot);
		Statement next = second.createStatement();
		assertThat(slot.openStatements).as("the same array, not a new one").isSameAs(list);
		assertThat(slot.openStatementCount).isOne();
		second.close();
		assertThat(next.isClosed()).isTrue();
		assertThat(slot.openStatementCount).isZero();
	}

}
