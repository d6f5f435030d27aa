package dev.threshold.server.api;

import dev.threshold.runtime.store.Dialect;

/** Tenant isolation over PostgreSQL (the local server; under CI=true an unreachable one fails the build). */
class TenantIsolationPostgresTest extends TenantIsolationContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }
}
