package dev.threshold.domain.community;

/** A place on Earth in decimal degrees (WGS 84), for distances between communities. */
public record GeoPoint(double latitude, double longitude) {
    private static final double EARTH_RADIUS_MILES = 3958.8;

    public GeoPoint {
        if (latitude < -90 || latitude > 90 || Double.isNaN(latitude)) {
            throw new IllegalArgumentException("latitude " + latitude + " is not between -90 and 90");
        }
        if (longitude < -180 || longitude > 180 || Double.isNaN(longitude)) {
            throw new IllegalArgumentException("longitude " + longitude + " is not between -180 and 180");
        }
    }

    /** The great-circle distance in miles (haversine). */
    public double milesTo(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude))
                        * Math.cos(Math.toRadians(other.latitude))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_MILES * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
