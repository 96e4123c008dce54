package dev.pifan.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sd_notify protocol: one datagram per message to the socket systemd names in
 * {@code NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace).
 *
 * <p>Never throws: a lost notification is logged once, because the fan matters more than the
 * supervisor hearing from us (and a lost watchdog ping is answered by a restart anyway).
 */
public final class SdNotify implements Notifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);

    private final String target;
    private final SocketAddress address;
    private final AFUNIXDatagramChannel channel;
    private boolean failureLogged;

    private SdNotify(String target, SocketAddress address, AFUNIXDatagramChannel channel) {
        this.target = target;
        this.address = address;
        this.channel = channel;
    }

    /**
     * A notifier for the socket in {@code NOTIFY_SOCKET}, or empty when the variable is unset (not
     * started by systemd) or the socket cannot be opened (then logged). Nothing of the socket
     * library is loaded without the variable.
     */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> environment) {
        String target = environment.get("NOTIFY_SOCKET");
        if (target == null || target.isEmpty()) {
            return Optional.empty();
        }
        try {
            SocketAddress address = target.startsWith("@")
                    ? AFUNIXSocketAddress.inAbstractNamespace(target.substring(1))
                    : AFUNIXSocketAddress.of(Path.of(target));
            return Optional.of(new SdNotify(target, address, AFUNIXDatagramChannel.open()));
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("NOTIFY_SOCKET={} cannot be used ({}): systemd will not hear from pifan", target, e.toString());
            return Optional.empty();
        }
    }

    /** Sends one message, such as {@code READY=1} or {@code WATCHDOG=1\nSTATUS=...}. */
    @Override
    public synchronized void send(String message) {
        try {
            channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), address);
        } catch (IOException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn("cannot notify systemd at {} ({}); further failures are not logged", target, e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the notify socket failed", e);
        }
    }
}
