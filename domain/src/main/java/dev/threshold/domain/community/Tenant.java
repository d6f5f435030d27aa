package dev.threshold.domain.community;

/** A management company running Threshold: the owner of every portfolio, community and contact it holds. */
public record Tenant(String id, String name) {}
