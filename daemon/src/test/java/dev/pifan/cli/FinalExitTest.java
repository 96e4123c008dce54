package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A library's shutdown hook (diozero's switches fans off) must not run once the fan's exit state is set. */
class FinalExitTest {

    /** A process with a shutdown hook like diozero's; args[0] says whether the fan state was set. */
    public static final class WithAHook {
        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("library hook ran: fan off")));
            if (Boolean.parseBoolean(args[0])) {
                FinalExit.fanStateSet();
            }
            FinalExit.exit(3);
        }
    }

    private static String run(boolean fanStateSet) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), WithAHook.class.getName(), String.valueOf(fanStateSet))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue(), output);
        return output;
    }

    @Test
    void onceTheFanStateIsSetNoOtherHookRuns() throws Exception {
        assertFalse(run(true).contains("library hook ran"));
    }

    @Test
    void beforeThatTheProcessEndsAsUsual() throws Exception {
        assertTrue(run(false).contains("library hook ran"));
    }
}
