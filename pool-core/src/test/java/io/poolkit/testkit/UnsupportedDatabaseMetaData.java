package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Every {@link DatabaseMetaData} method throwing {@link SQLFeatureNotSupportedException},
 * apart from the {@link java.sql.Wrapper} pair; {@link StubDatabaseMetaData} overrides
 * the few a pool asks about. The driver version getters are left abstract because they
 * may not throw.
 */
abstract class UnsupportedDatabaseMetaData implements DatabaseMetaData {

	@Override
	public boolean allProceduresAreCallable() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean allTablesAreSelectable() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getURL() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getUserName() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean nullsAreSortedHigh() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean nullsAreSortedLow() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean nullsAreSortedAtStart() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean nullsAreSortedAtEnd() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getDatabaseProductName() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getDatabaseProductVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getDriverName() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getDriverVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean usesLocalFiles() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean usesLocalFilePerTable() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMixedCaseIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesUpperCaseIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesLowerCaseIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesMixedCaseIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getIdentifierQuoteString() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getSQLKeywords() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getNumericFunctions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getStringFunctions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getSystemFunctions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getTimeDateFunctions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getSearchStringEscape() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getExtraNameCharacters() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsAlterTableWithAddColumn() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsAlterTableWithDropColumn() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsColumnAliasing() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean nullPlusNonNullIsNull() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsConvert() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsConvert(int fromType, int toType) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsTableCorrelationNames() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsDifferentTableCorrelationNames() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsExpressionsInOrderBy() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOrderByUnrelated() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsGroupBy() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsGroupByUnrelated() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsGroupByBeyondSelect() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsLikeEscapeClause() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMultipleResultSets() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMultipleTransactions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsNonNullableColumns() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMinimumSQLGrammar() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCoreSQLGrammar() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsExtendedSQLGrammar() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsANSI92EntryLevelSQL() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsANSI92IntermediateSQL() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsANSI92FullSQL() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsIntegrityEnhancementFacility() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOuterJoins() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsFullOuterJoins() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsLimitedOuterJoins() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getSchemaTerm() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getProcedureTerm() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getCatalogTerm() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean isCatalogAtStart() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public String getCatalogSeparator() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSchemasInDataManipulation() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSchemasInProcedureCalls() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSchemasInTableDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSchemasInIndexDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCatalogsInDataManipulation() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCatalogsInProcedureCalls() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCatalogsInTableDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsPositionedDelete() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsPositionedUpdate() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSelectForUpdate() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsStoredProcedures() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSubqueriesInComparisons() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSubqueriesInExists() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSubqueriesInIns() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSubqueriesInQuantifieds() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsCorrelatedSubqueries() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsUnion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsUnionAll() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxBinaryLiteralLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxCharLiteralLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnsInGroupBy() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnsInIndex() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnsInOrderBy() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnsInSelect() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxColumnsInTable() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxConnections() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxCursorNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxIndexLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxSchemaNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxProcedureNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxCatalogNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxRowSize() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxStatementLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxStatements() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxTableNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxTablesInSelect() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getMaxUserNameLength() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getDefaultTransactionIsolation() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsTransactions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
			String columnNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getSchemas() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getCatalogs() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getTableTypes() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
			String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getTypeInfo() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsResultSetType(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean ownUpdatesAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean ownDeletesAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean ownInsertsAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean othersUpdatesAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean othersDeletesAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean othersInsertsAreVisible(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean updatesAreDetected(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean deletesAreDetected(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean insertsAreDetected(int type) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsBatchUpdates() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public Connection getConnection() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsSavepoints() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsNamedParameters() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsMultipleOpenResults() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsGetGeneratedKeys() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
			String attributeNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsResultSetHoldability(int holdability) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getDatabaseMajorVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getDatabaseMinorVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getJDBCMajorVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getJDBCMinorVersion() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public int getSQLStateType() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean locatorsUpdateCopy() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsStatementPooling() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public RowIdLifetime getRowIdLifetime() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getClientInfoProperties() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
			throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
			String columnNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
			String columnNamePattern) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	public boolean generatedKeyAlwaysReturned() throws SQLException {
		throw Stubs.unsupported();
	}

	// Wrapper is the one part every stub supports for real: a pool may unwrap to reach
	// the driver's object.
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return Stubs.unwrap(this, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

}
