package dev.pifan.tray;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tray's members are: a static list from the config, or found through the Kubernetes
 * API. The poller asks before each round, so a directory may change between rounds.
 *
 * <p>A member a directory knows without an address (its node is labelled for the tray, its pod is
 * not there yet) maps to empty: it stays in the tray, and counts as lost until it is heard from.
 * A directory that loses its own source (the API server unreachable) keeps its last answer.
 */
public interface MemberDirectory extends AutoCloseable {

    /** The members now, by name, each with the address of its peer endpoint where one is known. */
    Map<String, Optional<InetSocketAddress>> members();

    /** Stops whatever the directory runs (a watch); a static list has nothing to stop. */
    @Override
    default void close() {
    }
}
