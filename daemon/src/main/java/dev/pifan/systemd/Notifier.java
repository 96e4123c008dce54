package dev.pifan.systemd;

/** Where sd_notify messages go: {@link SdNotify} in production, a list in tests. */
@FunctionalInterface
public interface Notifier {
    void send(String message);
}
