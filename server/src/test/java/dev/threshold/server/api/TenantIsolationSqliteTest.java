package dev.threshold.server.api;

import dev.threshold.runtime.store.Dialect;

/** Tenant isolation over the embedded store. */
class TenantIsolationSqliteTest extends TenantIsolationContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
