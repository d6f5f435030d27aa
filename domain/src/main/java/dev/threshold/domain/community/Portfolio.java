package dev.threshold.domain.community;

/** A group of communities a tenant manages together (an owner's holdings, a region, a fund). */
public record Portfolio(String id, String tenant, String name) {}
