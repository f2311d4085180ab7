package io.poolkit;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The operator's tools: runtime resize, the activity window and events, the connection
 * budget check on the real PostgreSQL, and the pool-per-request detector.
 */
class PoolOperationsTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void resizeGrowsAndShrinksAtRunTimeAndValidatesLikeStartup() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(
				PoolConfig.builder().url(db.url()).maxSize(2).connectionTimeout(Duration.ofMillis(300)).build())) {
			List<Connection> held = new ArrayList<>(List.of(pool.getConnection(), pool.getConnection()));
			pool.resize(4, 4);
			held.add(pool.getConnection());
			held.add(pool.getConnection());
			assertThat(pool.stats().total()).isEqualTo(4);
			assertThat(pool.config().maxSize()).isEqualTo(4);
			for (Connection connection : held) {
				connection.close();
			}
			pool.resize(1, 1);
			await().atMost(WAIT).until(() -> pool.stats().total() == 1);
			assertThat(db.open()).isEqualTo(1);
			assertThatIllegalArgumentException().isThrownBy(() -> pool.resize(2, 5))
				.withMessageContaining("min-idle: 5 is not allowed");
			assertThat(pool.stats().max()).isEqualTo(1);
		}
	}

	@Test
	void shrinkingRetiresBorrowedConnectionsAsTheyComeBack() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder().url(db.url()).maxSize(4).build())) {
			List<Connection> held = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				held.add(pool.getConnection());
			}
			pool.resize(2, 2);
			StubConnection first = held.get(0).unwrap(StubConnection.class);
			StubConnection second = held.get(1).unwrap(StubConnection.class);
			held.get(0).close();
			held.get(1).close();
			// Retired on return, not at the housekeeper's next round (30 s with these
			// settings).
			await().atMost(WAIT).until(() -> first.isClosed() && second.isClosed());
			assertThat(pool.stats().total()).isEqualTo(2);
			held.get(2).close();
			held.get(3).close();
			assertThat(pool.stats().idle()).isEqualTo(2);
		}
	}

	@Test
	void activityWindowAndEventsSeeBorrowsAndEvictions() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder().url(db.url()).maxSize(2).build())) {
			for (int i = 0; i < 25; i++) {
				try (Connection connection = pool.getConnection()) {
					connection.unwrap(StubConnection.class);
				}
			}
			AcquireWaits waits = pool.acquireWaits();
			assertThat(waits.borrows()).isEqualTo(25);
			assertThat(waits.p99()).isLessThanOrEqualTo(waits.max());
			pool.evictAll();
			assertThat(pool.recentEvents())
				.anyMatch((e) -> e.type().equals("closed") && e.detail().contains("evicted"));
			assertThat(pool.sizingAdvice().explanation()).contains("Too few borrows");
		}
	}

	@Test
	void budgetCheckWarnsWhenTheFleetWouldExceedMaxConnections() throws Exception {
		try (LogCapture log = LogCapture.poolkit();
				PoolDataSource pool = new PoolDataSource(
						TestPools.postgres("budget-it").maxSize(5).sizingInstances(1000).build())) {
			await().atMost(WAIT).until(() -> pool.connectionBudget() != null);
			ConnectionBudget budget = pool.connectionBudget();
			assertThat(budget.exceeded()).isTrue();
			assertThat(budget.maxConnections()).isPositive();
			assertThat(budget.inUseByApplication()).containsKey("budget-it");
			assertThat(budget.message()).contains("5000").contains("sizing.instances 1000");
			await().atMost(WAIT)
				.until(() -> log.warnings().stream().anyMatch((line) -> line.contains("Connection budget")));
			assertThat(pool.recentEvents()).anyMatch((e) -> e.type().equals("budget"));
		}
	}

	@Test
	void budgetCheckIsQuietForAPoolThatFits() throws Exception {
		try (LogCapture log = LogCapture.poolkit();
				PoolDataSource pool = new PoolDataSource(TestPools.postgres("budget-ok-it").maxSize(2).build())) {
			await().atMost(WAIT).until(() -> pool.connectionBudget() != null);
			assertThat(pool.connectionBudget().exceeded()).isFalse();
			assertThat(log.warnings()).noneMatch((line) -> line.contains("Connection budget"));
		}
	}

	@Test
	void creatingPoolsInALoopWarnsOnceAndNamesWhereTheyAreCreated() {
		StubDatabase db = StubDatabase.create();
		try (LogCapture log = LogCapture.poolkit()) {
			for (int i = 0; i < 30; i++) {
				try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder().url(db.url()).maxSize(1).build())) {
					assertThat(pool.poolsForSameDatabase()).isEqualTo(1);
				}
			}
			assertThat(log.warnings()).filteredOn((line) -> line.contains("pool created per request"))
				.singleElement()
				.asString()
				.contains("PoolOperationsTest.creatingPoolsInALoopWarnsOnceAndNamesWhereTheyAreCreated");
		}
	}

	/**
	 * What the README says the detector counts: the same URL and username, the URL alone
	 * when no username is configured (the warning named the user "null" then), and pools
	 * on one DataSource object, which were not counted at all.
	 */
	@Test
	void poolsAreCountedByUrlAndUsernameOrByTheirDataSource() {
		StubDatabase db = StubDatabase.create();
		try (LogCapture log = LogCapture.poolkit()) {
			List<PoolDataSource> pools = new ArrayList<>();
			try {
				for (int i = 0; i < 5; i++) {
					pools.add(new PoolDataSource(PoolConfig.builder().url(db.url()).maxSize(1).build()));
				}
				pools.add(new PoolDataSource(PoolConfig.builder().url(db.url()).username("app").maxSize(1).build()));
				assertThat(pools.get(0).poolsForSameDatabase()).isEqualTo(5);
				assertThat(pools.get(5).poolsForSameDatabase()).isEqualTo(1);
				DataSource shared = db.dataSource();
				pools.add(new PoolDataSource(PoolConfig.builder().dataSource(shared).maxSize(1).build()));
				pools.add(new PoolDataSource(PoolConfig.builder().dataSource(shared).maxSize(1).build()));
				assertThat(pools.get(6).poolsForSameDatabase()).isEqualTo(2);
			}
			finally {
				pools.forEach(PoolDataSource::close);
			}
			assertThat(log.warnings()).filteredOn((line) -> line.contains("pool created per request"))
				.singleElement()
				.asString()
				.contains("5 pools are open at once for " + db.url() + ":")
				.doesNotContain("as null");
		}
	}

}
