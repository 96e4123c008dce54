package dev.pifan.cli;

import picocli.CommandLine;

/** The version from the jar manifest (the build writes it), or "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pifan " + current()};
    }
}
