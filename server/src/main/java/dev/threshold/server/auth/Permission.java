package dev.threshold.server.auth;

/** What a request may do; each route needs one, each role grants some. */
public enum Permission {
    /** Read anything of the tenant (within the key's communities). */
    READ,
    /** Send events. */
    SEND_EVENTS,
    /** Create and change contacts and their consent. */
    WRITE_CONTACTS,
    /** Write property records and run imports. */
    WRITE_PROPERTY,
    /** Validate and publish journeys, switch them on or off, override their settings. */
    MANAGE_JOURNEYS,
    /** Cancel, pause, resume or take over a journey instance. */
    COMMAND_INSTANCES,
    /** Claim and complete staff tasks. */
    WORK_TASKS,
    /** Put dead letters back in the outbox. */
    RETRY_DEAD_LETTERS,
    /** Create and revoke API keys and webhook sources. */
    MANAGE_ACCESS
}
