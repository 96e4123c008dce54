package dev.pifan.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (stop) and SIGHUP (reload), handled with {@code sun.misc.Signal} (module
 * jdk.unsupported, supported by native image) rather than a shutdown hook, because a JVM ended by
 * a shutdown hook exits 143, and systemd and kubelet read a clean stop as exit 0.
 */
final class Signals {

    /** What the daemon does on each signal; called on the JVM's signal thread. */
    interface Handler {
        void stop(String signalName);

        void reload();
    }

    private Signals() {
    }

    static void install(Handler handler) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> handler.stop("SIG" + signal.getName()));
        }
        Signal.handle(new Signal("HUP"), signal -> handler.reload());
    }
}
