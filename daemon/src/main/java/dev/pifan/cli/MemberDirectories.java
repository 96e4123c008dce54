package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigProblem;
import dev.pifan.config.TraySpec;
import dev.pifan.tray.MemberDirectory;
import dev.pifan.tray.StaticMembers;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code tray:} section to the directory that finds its members: the one place they meet. */
final class MemberDirectories {

    private MemberDirectories() {
    }

    /**
     * A static list's addresses are resolved here, once (a name that does not resolve leaves its
     * member unreachable, so lost: full speed).
     *
     * @param source the config file, for the problem when this build cannot do what the section asks
     */
    static MemberDirectory from(TraySpec spec, String source) throws ConfigException {
        if (spec.kubernetesTray().isPresent()) {
            throw new ConfigException(new ConfigProblem(source, 0, "tray.kubernetes",
                    "Kubernetes discovery is not available in this build: list the members (tray.members)"));
        }
        Map<String, InetSocketAddress> members = new LinkedHashMap<>();
        for (TraySpec.Member m : spec.members()) {
            members.put(m.name(), new InetSocketAddress(m.address().host(), m.address().port()));
        }
        return new StaticMembers(members);
    }
}
