package dev.threshold.server;

import picocli.CommandLine;

/** The version printed by {@code threshold --version}. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Threshold.class.getPackage().getImplementationVersion();
        return new String[] {
            "threshold " + (v == null ? "development build" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
