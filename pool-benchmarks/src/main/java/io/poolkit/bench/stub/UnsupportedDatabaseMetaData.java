package io.poolkit.bench.stub;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Every method of {@link DatabaseMetaData} failing as unsupported, so that the stubs
 * override only what the pools and the benchmarks call and a call nobody expected fails
 * loudly instead of returning a made-up answer.
 */
abstract class UnsupportedDatabaseMetaData implements DatabaseMetaData {

	@Override
	public boolean allProceduresAreCallable() throws SQLException {
		throw StubDriver.unsupported("allProceduresAreCallable");
	}

	@Override
	public boolean allTablesAreSelectable() throws SQLException {
		throw StubDriver.unsupported("allTablesAreSelectable");
	}

	@Override
	public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
		throw StubDriver.unsupported("autoCommitFailureClosesAllResultSets");
	}

	@Override
	public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
		throw StubDriver.unsupported("dataDefinitionCausesTransactionCommit");
	}

	@Override
	public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
		throw StubDriver.unsupported("dataDefinitionIgnoredInTransactions");
	}

	@Override
	public boolean deletesAreDetected(int a0) throws SQLException {
		throw StubDriver.unsupported("deletesAreDetected");
	}

	@Override
	public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
		throw StubDriver.unsupported("doesMaxRowSizeIncludeBlobs");
	}

	@Override
	public boolean generatedKeyAlwaysReturned() throws SQLException {
		throw StubDriver.unsupported("generatedKeyAlwaysReturned");
	}

	@Override
	public ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getAttributes");
	}

	@Override
	public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) throws SQLException {
		throw StubDriver.unsupported("getBestRowIdentifier");
	}

	@Override
	public String getCatalogSeparator() throws SQLException {
		throw StubDriver.unsupported("getCatalogSeparator");
	}

	@Override
	public String getCatalogTerm() throws SQLException {
		throw StubDriver.unsupported("getCatalogTerm");
	}

	@Override
	public ResultSet getCatalogs() throws SQLException {
		throw StubDriver.unsupported("getCatalogs");
	}

	@Override
	public ResultSet getClientInfoProperties() throws SQLException {
		throw StubDriver.unsupported("getClientInfoProperties");
	}

	@Override
	public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getColumnPrivileges");
	}

	@Override
	public ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getColumns");
	}

	@Override
	public Connection getConnection() throws SQLException {
		throw StubDriver.unsupported("getConnection");
	}

	@Override
	public ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4, String a5)
			throws SQLException {
		throw StubDriver.unsupported("getCrossReference");
	}

	@Override
	public int getDatabaseMajorVersion() throws SQLException {
		throw StubDriver.unsupported("getDatabaseMajorVersion");
	}

	@Override
	public int getDatabaseMinorVersion() throws SQLException {
		throw StubDriver.unsupported("getDatabaseMinorVersion");
	}

	@Override
	public String getDatabaseProductName() throws SQLException {
		throw StubDriver.unsupported("getDatabaseProductName");
	}

	@Override
	public String getDatabaseProductVersion() throws SQLException {
		throw StubDriver.unsupported("getDatabaseProductVersion");
	}

	@Override
	public int getDefaultTransactionIsolation() throws SQLException {
		throw StubDriver.unsupported("getDefaultTransactionIsolation");
	}

	@Override
	public int getDriverMajorVersion() {
		throw new UnsupportedOperationException("getDriverMajorVersion");
	}

	@Override
	public int getDriverMinorVersion() {
		throw new UnsupportedOperationException("getDriverMinorVersion");
	}

	@Override
	public String getDriverName() throws SQLException {
		throw StubDriver.unsupported("getDriverName");
	}

	@Override
	public String getDriverVersion() throws SQLException {
		throw StubDriver.unsupported("getDriverVersion");
	}

	@Override
	public ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getExportedKeys");
	}

	@Override
	public String getExtraNameCharacters() throws SQLException {
		throw StubDriver.unsupported("getExtraNameCharacters");
	}

	@Override
	public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getFunctionColumns");
	}

	@Override
	public ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getFunctions");
	}

	@Override
	public String getIdentifierQuoteString() throws SQLException {
		throw StubDriver.unsupported("getIdentifierQuoteString");
	}

	@Override
	public ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getImportedKeys");
	}

	@Override
	public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) throws SQLException {
		throw StubDriver.unsupported("getIndexInfo");
	}

	@Override
	public int getJDBCMajorVersion() throws SQLException {
		throw StubDriver.unsupported("getJDBCMajorVersion");
	}

	@Override
	public int getJDBCMinorVersion() throws SQLException {
		throw StubDriver.unsupported("getJDBCMinorVersion");
	}

	@Override
	public int getMaxBinaryLiteralLength() throws SQLException {
		throw StubDriver.unsupported("getMaxBinaryLiteralLength");
	}

	@Override
	public int getMaxCatalogNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxCatalogNameLength");
	}

	@Override
	public int getMaxCharLiteralLength() throws SQLException {
		throw StubDriver.unsupported("getMaxCharLiteralLength");
	}

	@Override
	public int getMaxColumnNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnNameLength");
	}

	@Override
	public int getMaxColumnsInGroupBy() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnsInGroupBy");
	}

	@Override
	public int getMaxColumnsInIndex() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnsInIndex");
	}

	@Override
	public int getMaxColumnsInOrderBy() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnsInOrderBy");
	}

	@Override
	public int getMaxColumnsInSelect() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnsInSelect");
	}

	@Override
	public int getMaxColumnsInTable() throws SQLException {
		throw StubDriver.unsupported("getMaxColumnsInTable");
	}

	@Override
	public int getMaxConnections() throws SQLException {
		throw StubDriver.unsupported("getMaxConnections");
	}

	@Override
	public int getMaxCursorNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxCursorNameLength");
	}

	@Override
	public int getMaxIndexLength() throws SQLException {
		throw StubDriver.unsupported("getMaxIndexLength");
	}

	@Override
	public int getMaxProcedureNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxProcedureNameLength");
	}

	@Override
	public int getMaxRowSize() throws SQLException {
		throw StubDriver.unsupported("getMaxRowSize");
	}

	@Override
	public int getMaxSchemaNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxSchemaNameLength");
	}

	@Override
	public int getMaxStatementLength() throws SQLException {
		throw StubDriver.unsupported("getMaxStatementLength");
	}

	@Override
	public int getMaxStatements() throws SQLException {
		throw StubDriver.unsupported("getMaxStatements");
	}

	@Override
	public int getMaxTableNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxTableNameLength");
	}

	@Override
	public int getMaxTablesInSelect() throws SQLException {
		throw StubDriver.unsupported("getMaxTablesInSelect");
	}

	@Override
	public int getMaxUserNameLength() throws SQLException {
		throw StubDriver.unsupported("getMaxUserNameLength");
	}

	@Override
	public String getNumericFunctions() throws SQLException {
		throw StubDriver.unsupported("getNumericFunctions");
	}

	@Override
	public ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getPrimaryKeys");
	}

	@Override
	public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getProcedureColumns");
	}

	@Override
	public String getProcedureTerm() throws SQLException {
		throw StubDriver.unsupported("getProcedureTerm");
	}

	@Override
	public ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getProcedures");
	}

	@Override
	public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) throws SQLException {
		throw StubDriver.unsupported("getPseudoColumns");
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		throw StubDriver.unsupported("getResultSetHoldability");
	}

	@Override
	public RowIdLifetime getRowIdLifetime() throws SQLException {
		throw StubDriver.unsupported("getRowIdLifetime");
	}

	@Override
	public String getSQLKeywords() throws SQLException {
		throw StubDriver.unsupported("getSQLKeywords");
	}

	@Override
	public int getSQLStateType() throws SQLException {
		throw StubDriver.unsupported("getSQLStateType");
	}

	@Override
	public String getSchemaTerm() throws SQLException {
		throw StubDriver.unsupported("getSchemaTerm");
	}

	@Override
	public ResultSet getSchemas() throws SQLException {
		throw StubDriver.unsupported("getSchemas");
	}

	@Override
	public ResultSet getSchemas(String a0, String a1) throws SQLException {
		throw StubDriver.unsupported("getSchemas");
	}

	@Override
	public String getSearchStringEscape() throws SQLException {
		throw StubDriver.unsupported("getSearchStringEscape");
	}

	@Override
	public String getStringFunctions() throws SQLException {
		throw StubDriver.unsupported("getStringFunctions");
	}

	@Override
	public ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getSuperTables");
	}

	@Override
	public ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getSuperTypes");
	}

	@Override
	public String getSystemFunctions() throws SQLException {
		throw StubDriver.unsupported("getSystemFunctions");
	}

	@Override
	public ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getTablePrivileges");
	}

	@Override
	public ResultSet getTableTypes() throws SQLException {
		throw StubDriver.unsupported("getTableTypes");
	}

	@Override
	public ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
		throw StubDriver.unsupported("getTables");
	}

	@Override
	public String getTimeDateFunctions() throws SQLException {
		throw StubDriver.unsupported("getTimeDateFunctions");
	}

	@Override
	public ResultSet getTypeInfo() throws SQLException {
		throw StubDriver.unsupported("getTypeInfo");
	}

	@Override
	public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
		throw StubDriver.unsupported("getUDTs");
	}

	@Override
	public String getURL() throws SQLException {
		throw StubDriver.unsupported("getURL");
	}

	@Override
	public String getUserName() throws SQLException {
		throw StubDriver.unsupported("getUserName");
	}

	@Override
	public ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
		throw StubDriver.unsupported("getVersionColumns");
	}

	@Override
	public boolean insertsAreDetected(int a0) throws SQLException {
		throw StubDriver.unsupported("insertsAreDetected");
	}

	@Override
	public boolean isCatalogAtStart() throws SQLException {
		throw StubDriver.unsupported("isCatalogAtStart");
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		throw StubDriver.unsupported("isReadOnly");
	}

	@Override
	public boolean isWrapperFor(Class<?> a0) throws SQLException {
		throw StubDriver.unsupported("isWrapperFor");
	}

	@Override
	public boolean locatorsUpdateCopy() throws SQLException {
		throw StubDriver.unsupported("locatorsUpdateCopy");
	}

	@Override
	public boolean nullPlusNonNullIsNull() throws SQLException {
		throw StubDriver.unsupported("nullPlusNonNullIsNull");
	}

	@Override
	public boolean nullsAreSortedAtEnd() throws SQLException {
		throw StubDriver.unsupported("nullsAreSortedAtEnd");
	}

	@Override
	public boolean nullsAreSortedAtStart() throws SQLException {
		throw StubDriver.unsupported("nullsAreSortedAtStart");
	}

	@Override
	public boolean nullsAreSortedHigh() throws SQLException {
		throw StubDriver.unsupported("nullsAreSortedHigh");
	}

	@Override
	public boolean nullsAreSortedLow() throws SQLException {
		throw StubDriver.unsupported("nullsAreSortedLow");
	}

	@Override
	public boolean othersDeletesAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("othersDeletesAreVisible");
	}

	@Override
	public boolean othersInsertsAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("othersInsertsAreVisible");
	}

	@Override
	public boolean othersUpdatesAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("othersUpdatesAreVisible");
	}

	@Override
	public boolean ownDeletesAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("ownDeletesAreVisible");
	}

	@Override
	public boolean ownInsertsAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("ownInsertsAreVisible");
	}

	@Override
	public boolean ownUpdatesAreVisible(int a0) throws SQLException {
		throw StubDriver.unsupported("ownUpdatesAreVisible");
	}

	@Override
	public boolean storesLowerCaseIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesLowerCaseIdentifiers");
	}

	@Override
	public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesLowerCaseQuotedIdentifiers");
	}

	@Override
	public boolean storesMixedCaseIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesMixedCaseIdentifiers");
	}

	@Override
	public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesMixedCaseQuotedIdentifiers");
	}

	@Override
	public boolean storesUpperCaseIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesUpperCaseIdentifiers");
	}

	@Override
	public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
		throw StubDriver.unsupported("storesUpperCaseQuotedIdentifiers");
	}

	@Override
	public boolean supportsANSI92EntryLevelSQL() throws SQLException {
		throw StubDriver.unsupported("supportsANSI92EntryLevelSQL");
	}

	@Override
	public boolean supportsANSI92FullSQL() throws SQLException {
		throw StubDriver.unsupported("supportsANSI92FullSQL");
	}

	@Override
	public boolean supportsANSI92IntermediateSQL() throws SQLException {
		throw StubDriver.unsupported("supportsANSI92IntermediateSQL");
	}

	@Override
	public boolean supportsAlterTableWithAddColumn() throws SQLException {
		throw StubDriver.unsupported("supportsAlterTableWithAddColumn");
	}

	@Override
	public boolean supportsAlterTableWithDropColumn() throws SQLException {
		throw StubDriver.unsupported("supportsAlterTableWithDropColumn");
	}

	@Override
	public boolean supportsBatchUpdates() throws SQLException {
		throw StubDriver.unsupported("supportsBatchUpdates");
	}

	@Override
	public boolean supportsCatalogsInDataManipulation() throws SQLException {
		throw StubDriver.unsupported("supportsCatalogsInDataManipulation");
	}

	@Override
	public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsCatalogsInIndexDefinitions");
	}

	@Override
	public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsCatalogsInPrivilegeDefinitions");
	}

	@Override
	public boolean supportsCatalogsInProcedureCalls() throws SQLException {
		throw StubDriver.unsupported("supportsCatalogsInProcedureCalls");
	}

	@Override
	public boolean supportsCatalogsInTableDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsCatalogsInTableDefinitions");
	}

	@Override
	public boolean supportsColumnAliasing() throws SQLException {
		throw StubDriver.unsupported("supportsColumnAliasing");
	}

	@Override
	public boolean supportsConvert() throws SQLException {
		throw StubDriver.unsupported("supportsConvert");
	}

	@Override
	public boolean supportsConvert(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("supportsConvert");
	}

	@Override
	public boolean supportsCoreSQLGrammar() throws SQLException {
		throw StubDriver.unsupported("supportsCoreSQLGrammar");
	}

	@Override
	public boolean supportsCorrelatedSubqueries() throws SQLException {
		throw StubDriver.unsupported("supportsCorrelatedSubqueries");
	}

	@Override
	public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
		throw StubDriver.unsupported("supportsDataDefinitionAndDataManipulationTransactions");
	}

	@Override
	public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
		throw StubDriver.unsupported("supportsDataManipulationTransactionsOnly");
	}

	@Override
	public boolean supportsDifferentTableCorrelationNames() throws SQLException {
		throw StubDriver.unsupported("supportsDifferentTableCorrelationNames");
	}

	@Override
	public boolean supportsExpressionsInOrderBy() throws SQLException {
		throw StubDriver.unsupported("supportsExpressionsInOrderBy");
	}

	@Override
	public boolean supportsExtendedSQLGrammar() throws SQLException {
		throw StubDriver.unsupported("supportsExtendedSQLGrammar");
	}

	@Override
	public boolean supportsFullOuterJoins() throws SQLException {
		throw StubDriver.unsupported("supportsFullOuterJoins");
	}

	@Override
	public boolean supportsGetGeneratedKeys() throws SQLException {
		throw StubDriver.unsupported("supportsGetGeneratedKeys");
	}

	@Override
	public boolean supportsGroupBy() throws SQLException {
		throw StubDriver.unsupported("supportsGroupBy");
	}

	@Override
	public boolean supportsGroupByBeyondSelect() throws SQLException {
		throw StubDriver.unsupported("supportsGroupByBeyondSelect");
	}

	@Override
	public boolean supportsGroupByUnrelated() throws SQLException {
		throw StubDriver.unsupported("supportsGroupByUnrelated");
	}

	@Override
	public boolean supportsIntegrityEnhancementFacility() throws SQLException {
		throw StubDriver.unsupported("supportsIntegrityEnhancementFacility");
	}

	@Override
	public boolean supportsLikeEscapeClause() throws SQLException {
		throw StubDriver.unsupported("supportsLikeEscapeClause");
	}

	@Override
	public boolean supportsLimitedOuterJoins() throws SQLException {
		throw StubDriver.unsupported("supportsLimitedOuterJoins");
	}

	@Override
	public boolean supportsMinimumSQLGrammar() throws SQLException {
		throw StubDriver.unsupported("supportsMinimumSQLGrammar");
	}

	@Override
	public boolean supportsMixedCaseIdentifiers() throws SQLException {
		throw StubDriver.unsupported("supportsMixedCaseIdentifiers");
	}

	@Override
	public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
		throw StubDriver.unsupported("supportsMixedCaseQuotedIdentifiers");
	}

	@Override
	public boolean supportsMultipleOpenResults() throws SQLException {
		throw StubDriver.unsupported("supportsMultipleOpenResults");
	}

	@Override
	public boolean supportsMultipleResultSets() throws SQLException {
		throw StubDriver.unsupported("supportsMultipleResultSets");
	}

	@Override
	public boolean supportsMultipleTransactions() throws SQLException {
		throw StubDriver.unsupported("supportsMultipleTransactions");
	}

	@Override
	public boolean supportsNamedParameters() throws SQLException {
		throw StubDriver.unsupported("supportsNamedParameters");
	}

	@Override
	public boolean supportsNonNullableColumns() throws SQLException {
		throw StubDriver.unsupported("supportsNonNullableColumns");
	}

	@Override
	public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
		throw StubDriver.unsupported("supportsOpenCursorsAcrossCommit");
	}

	@Override
	public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
		throw StubDriver.unsupported("supportsOpenCursorsAcrossRollback");
	}

	@Override
	public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
		throw StubDriver.unsupported("supportsOpenStatementsAcrossCommit");
	}

	@Override
	public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
		throw StubDriver.unsupported("supportsOpenStatementsAcrossRollback");
	}

	@Override
	public boolean supportsOrderByUnrelated() throws SQLException {
		throw StubDriver.unsupported("supportsOrderByUnrelated");
	}

	@Override
	public boolean supportsOuterJoins() throws SQLException {
		throw StubDriver.unsupported("supportsOuterJoins");
	}

	@Override
	public boolean supportsPositionedDelete() throws SQLException {
		throw StubDriver.unsupported("supportsPositionedDelete");
	}

	@Override
	public boolean supportsPositionedUpdate() throws SQLException {
		throw StubDriver.unsupported("supportsPositionedUpdate");
	}

	@Override
	public boolean supportsResultSetConcurrency(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("supportsResultSetConcurrency");
	}

	@Override
	public boolean supportsResultSetHoldability(int a0) throws SQLException {
		throw StubDriver.unsupported("supportsResultSetHoldability");
	}

	@Override
	public boolean supportsResultSetType(int a0) throws SQLException {
		throw StubDriver.unsupported("supportsResultSetType");
	}

	@Override
	public boolean supportsSavepoints() throws SQLException {
		throw StubDriver.unsupported("supportsSavepoints");
	}

	@Override
	public boolean supportsSchemasInDataManipulation() throws SQLException {
		throw StubDriver.unsupported("supportsSchemasInDataManipulation");
	}

	@Override
	public boolean supportsSchemasInIndexDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsSchemasInIndexDefinitions");
	}

	@Override
	public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsSchemasInPrivilegeDefinitions");
	}

	@Override
	public boolean supportsSchemasInProcedureCalls() throws SQLException {
		throw StubDriver.unsupported("supportsSchemasInProcedureCalls");
	}

	@Override
	public boolean supportsSchemasInTableDefinitions() throws SQLException {
		throw StubDriver.unsupported("supportsSchemasInTableDefinitions");
	}

	@Override
	public boolean supportsSelectForUpdate() throws SQLException {
		throw StubDriver.unsupported("supportsSelectForUpdate");
	}

	@Override
	public boolean supportsStatementPooling() throws SQLException {
		throw StubDriver.unsupported("supportsStatementPooling");
	}

	@Override
	public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
		throw StubDriver.unsupported("supportsStoredFunctionsUsingCallSyntax");
	}

	@Override
	public boolean supportsStoredProcedures() throws SQLException {
		throw StubDriver.unsupported("supportsStoredProcedures");
	}

	@Override
	public boolean supportsSubqueriesInComparisons() throws SQLException {
		throw StubDriver.unsupported("supportsSubqueriesInComparisons");
	}

	@Override
	public boolean supportsSubqueriesInExists() throws SQLException {
		throw StubDriver.unsupported("supportsSubqueriesInExists");
	}

	@Override
	public boolean supportsSubqueriesInIns() throws SQLException {
		throw StubDriver.unsupported("supportsSubqueriesInIns");
	}

	@Override
	public boolean supportsSubqueriesInQuantifieds() throws SQLException {
		throw StubDriver.unsupported("supportsSubqueriesInQuantifieds");
	}

	@Override
	public boolean supportsTableCorrelationNames() throws SQLException {
		throw StubDriver.unsupported("supportsTableCorrelationNames");
	}

	@Override
	public boolean supportsTransactionIsolationLevel(int a0) throws SQLException {
		throw StubDriver.unsupported("supportsTransactionIsolationLevel");
	}

	@Override
	public boolean supportsTransactions() throws SQLException {
		throw StubDriver.unsupported("supportsTransactions");
	}

	@Override
	public boolean supportsUnion() throws SQLException {
		throw StubDriver.unsupported("supportsUnion");
	}

	@Override
	public boolean supportsUnionAll() throws SQLException {
		throw StubDriver.unsupported("supportsUnionAll");
	}

	@Override
	public <T> T unwrap(Class<T> a0) throws SQLException {
		throw StubDriver.unsupported("unwrap");
	}

	@Override
	public boolean updatesAreDetected(int a0) throws SQLException {
		throw StubDriver.unsupported("updatesAreDetected");
	}

	@Override
	public boolean usesLocalFilePerTable() throws SQLException {
		throw StubDriver.unsupported("usesLocalFilePerTable");
	}

	@Override
	public boolean usesLocalFiles() throws SQLException {
		throw StubDriver.unsupported("usesLocalFiles");
	}

}
