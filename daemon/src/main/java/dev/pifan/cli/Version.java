package dev.pifan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The version from the jar manifest (the build writes it), else from {@value #RESOURCE} (the build
 * writes it too; a native image has no manifest, and registers this resource), or "development"
 * when run from classes that were never built by Maven.
 */
public final class Version implements CommandLine.IVersionProvider {

    static final String RESOURCE = "version.txt";

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = fromResource();
        }
        return version == null ? "development" : version;
    }

    /** The version Maven wrote into {@code dev/pifan/cli/version.txt}, or null. */
    static String fromResource() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            String text = new String(in.readNBytes(100), StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.startsWith("${") ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pifan " + current()};
    }
}
