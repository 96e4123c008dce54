package dev.pifan.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

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

    /**
     * Installs the handlers.
     *
     * @return false when SIGHUP stays ignored: a process started with SIGHUP ignored ({@code nohup})
     *     keeps it so, since the JVM will not install a handler over an inherited SIG_IGN for the
     *     signals it uses for shutdown (HUP, INT, TERM); reloads then need a restart
     */
    static boolean install(Handler handler) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> handler.stop("SIG" + signal.getName()));
        }
        SignalHandler previous = Signal.handle(new Signal("HUP"), signal -> handler.reload());
        return previous != SignalHandler.SIG_IGN;
    }
}
