package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}. The output is collected into a file-less pipe
 * read after exit: the commands run here print one short line, far below the pipe's buffer.
 */
final class ProcessCommandRunner implements CommandRunner {

    @Override
    public String run(List<String> command, Duration timeout) throws HalException {
        String shown = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("error=13")) {
                throw new HalException(Kind.PERMISSION_DENIED, shown + ": not executable by this user", e);
            }
            throw new HalException(Kind.NOT_FOUND, shown + ": " + command.get(0) + " not found on PATH; install"
                    + " raspi-utils (Raspberry Pi OS) or choose another source (get-throttled, rpi-volt)", e);
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HalException(Kind.TIMEOUT, shown + " did not finish within " + timeout.toMillis()
                        + " ms and was killed: the firmware mailbox may be hung");
            }
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw failure(shown, exit, output);
            }
            return output;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HalException(Kind.TIMEOUT, shown + " was interrupted", e);
        } catch (IOException e) {
            throw new HalException(Kind.IO_ERROR, shown + ": could not read its output: " + e.getMessage(), e);
        }
    }

    static HalException failure(String shown, int exit, String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        String firstLine = output.lines().findFirst().orElse("");
        if (lower.contains("permission denied") || lower.contains("vcio") || lower.contains("vchi initialization")) {
            return new HalException(Kind.PERMISSION_DENIED, shown + " failed (exit " + exit + ": " + firstLine
                    + "): add the pifan user to group video (for /dev/vcio or /dev/vcio_gencmd) or run as root");
        }
        return new HalException(Kind.IO_ERROR, shown + " failed (exit " + exit + ")"
                + (firstLine.isEmpty() ? "" : ": " + firstLine));
    }
}
