package dev.pifan.tray;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The members a config lists ({@code tray.members}), for systemd installs: they never change while
 * pifan runs. Each address is resolved once, here: a name the resolver cannot find stays
 * unresolved, and that member then counts as lost, as any member that cannot be reached does.
 */
public final class StaticMembers implements MemberDirectory {

    private final Map<String, Optional<InetSocketAddress>> members;

    /** @param members host and port by name, in the tray's order */
    public StaticMembers(Map<String, InetSocketAddress> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a tray needs at least one member");
        }
        Map<String, Optional<InetSocketAddress>> resolved = new LinkedHashMap<>();
        members.forEach((name, address) -> resolved.put(name, Optional.of(address)));
        this.members = java.util.Collections.unmodifiableMap(resolved);
    }

    @Override
    public Map<String, Optional<InetSocketAddress>> members() {
        return members;
    }
}
