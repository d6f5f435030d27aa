package dev.threshold.domain.matching;

/** Why a unit was left out by a hard filter; results count them so a journey can name the barrier. */
public enum Exclusion {
    NOT_AVAILABLE("not_available"),
    NO_AVAILABLE_DATE("no_available_date"),
    AFTER_MOVE_DATE("after_move_date"),
    OVER_BUDGET("over_budget"),
    BEDROOMS("bedrooms"),
    PETS("pets"),
    ACCESSIBILITY("accessibility");

    private final String key;

    Exclusion(String key) {
        this.key = key;
    }

    /** The key in a result's {@code excluded} map. */
    public String key() {
        return key;
    }
}
