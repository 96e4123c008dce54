package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigProblem;
import dev.pifan.config.TraySpec;
import dev.pifan.tray.MemberDirectory;
import dev.pifan.tray.StaticMembers;
import dev.pifan.tray.kubernetes.KubernetesMembers;
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
     * @param source the config file, for the problem when the section cannot be run here
     * @param peerPort the port the members' peer endpoints listen on, found through Kubernetes: this
     *     node's own (every pod of the DaemonSet runs the same config)
     */
    static MemberDirectory from(TraySpec spec, String source, int peerPort) throws ConfigException {
        if (spec.kubernetesTray().isPresent()) {
            try {
                return KubernetesMembers.fromEnvironment(spec.kubernetesTray().get(), peerPort);
            } catch (RuntimeException e) { // NODE_NAME unset, no service account: not in a pod as the component makes it
                throw new ConfigException(new ConfigProblem(source, 0, "tray.kubernetes", e.getMessage()));
            }
        }
        Map<String, InetSocketAddress> members = new LinkedHashMap<>();
        for (TraySpec.Member m : spec.members()) {
            members.put(m.name(), new InetSocketAddress(m.address().host(), m.address().port()));
        }
        return new StaticMembers(members);
    }
}
