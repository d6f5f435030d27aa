package dev.threshold.domain.generator;

import java.util.List;

/** Words the generator names people, communities and floor plans with. */
final class Names {
    static final List<String> FIRST = List.of(
            "Ana", "Sam", "Lee", "Priya", "Marcus", "Grace", "Diego", "Helen", "Jordan", "Mia", "Noah", "Aisha",
            "Ethan", "Sofia", "Liam", "Chloe", "Omar", "Hana", "Lucas", "Zoe", "Mateo", "Emma", "Kenji", "Olivia",
            "Andre", "Maya", "Tyler", "Fatima", "Ben", "Nora", "Jamal", "Ivy", "Carlos", "Ruth", "Wei", "Leah", "Pat",
            "Elena", "Kofi", "Ines");
    static final List<String> LAST = List.of(
            "Rivera",
            "Kim",
            "Chen",
            "Shah",
            "Webb",
            "Alvarez",
            "Park",
            "Nguyen",
            "Johnson",
            "Garcia",
            "Patel",
            "Brown",
            "Okafor",
            "Martin",
            "Lopez",
            "Smith",
            "Haddad",
            "Tanaka",
            "Müller",
            "Rossi",
            "Cohen",
            "Jones",
            "Singh",
            "Davis",
            "Moreau",
            "Silva",
            "Khan",
            "Olsen",
            "Baker",
            "Reyes",
            "Wright",
            "Ibrahim",
            "Lind",
            "Novak",
            "Berg",
            "Castillo",
            "Walsh",
            "Yamamoto",
            "Dubois",
            "Ali");
    static final List<String> PLACE = List.of(
            "Cedar",
            "Aspen",
            "Willow",
            "Juniper",
            "Sage",
            "Maple",
            "Birch",
            "Alder",
            "Laurel",
            "Summit",
            "Canyon",
            "River",
            "Lakeside",
            "Meadow",
            "Granite",
            "Highland",
            "Harbor",
            "Magnolia",
            "Sterling",
            "Copper",
            "Prairie",
            "Mesa",
            "Pine",
            "Orchard");
    static final List<String> KIND = List.of(
            "Ridge",
            "Grove",
            "Commons",
            "Flats",
            "Terrace",
            "Heights",
            "Park",
            "Crossing",
            "Village",
            "Lofts",
            "Landing",
            "Point",
            "Square",
            "Gardens");
    static final List<String> PLAN =
            List.of("Aspen", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hawthorn", "Ivy", "Juniper");

    private Names() {}
}
