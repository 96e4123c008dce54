package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionTest {

    /** The commit git says this checkout is at, or "unknown" where git cannot tell (a source tarball). */
    private static String gitHead() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        } catch (IOException noGit) {
            return "unknown";
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        return git.waitFor() == 0 ? out : "unknown";
    }

    /** The build wrote the commit into revision.txt (pifan_build_info{revision}), as git reads it. */
    @Test
    void theRevisionIsTheCommitTheBuildWasMadeFrom() throws Exception {
        assertEquals(gitHead(), Version.revision());
    }
}
