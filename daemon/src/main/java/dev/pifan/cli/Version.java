package dev.pifan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The version from the jar manifest (the build writes it), else from {@value #RESOURCE} (the build
 * writes it too; a native image has no manifest, and registers this resource), or "development"
 * when run from classes that were never built by Maven. The git commit built, from
 * {@value #REVISION_RESOURCE}, written by the build the same way.
 */
public final class Version implements CommandLine.IVersionProvider {

    static final String RESOURCE = "version.txt";
    static final String REVISION_RESOURCE = "revision.txt";

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = fromResource();
        }
        return version == null ? "development" : version;
    }

    /** The git commit the build was made from, or "unknown" (built outside git, or not by Maven). */
    public static String revision() {
        String revision = resource(REVISION_RESOURCE);
        return revision == null ? "unknown" : revision;
    }

    /** The version Maven wrote into {@code dev/pifan/cli/version.txt}, or null. */
    static String fromResource() {
        return resource(RESOURCE);
    }

    /** A one-line resource beside this class as Maven filtered it, or null when missing or unfiltered. */
    private static String resource(String name) {
        try (InputStream in = Version.class.getResourceAsStream(name)) {
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
