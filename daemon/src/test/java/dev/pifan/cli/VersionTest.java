package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionTest {

    /**
     * The last commit of this checkout that is not a merge, or "unknown" where git cannot tell (a
     * source tarball): what buildnumber-maven-plugin's git provider reads ({@code git log -1
     * --no-merges}), so at a merge commit the revision names the last commit merged in.
     */
    private static String gitHead() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "log", "-1", "--no-merges", "--format=%H").redirectErrorStream(true).start();
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
