package dev.pifan.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * How the process ends once pifan has left the fan in its exit state: without running other
 * shutdown hooks. diozero registers a hook (it cannot be turned off) that closes every device it
 * opened, which switches a GPIO fan off and sets a PWM fan to 0; after pifan set full speed or
 * handed the fan back, nothing may change it any more.
 */
final class FinalExit {

    private static volatile boolean fanStateSet;

    private FinalExit() {
    }

    /** The fan is in its exit state: from now on, nothing else may touch it. */
    static void fanStateSet() {
        fanStateSet = true;
    }

    /** Ends the process with {@code code}: halted once the fan state is final, else as usual. */
    static void exit(int code) {
        if (fanStateSet) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
                logback.stop(); // flushes the appenders, which no shutdown hook will do after halt
            }
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }
}
