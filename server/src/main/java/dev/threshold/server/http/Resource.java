package dev.threshold.server.http;

/** A feature's part of the HTTP surface (events, contacts, journeys…): it adds its routes to the table. */
public interface Resource {
    void register(Routes routes);
}
