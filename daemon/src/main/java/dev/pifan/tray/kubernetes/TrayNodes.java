package dev.pifan.tray.kubernetes;

import dev.pifan.telemetry.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the nodes labelled {@code pifan.dev/tray=<tray>}: the tray node and its members.
 *
 * <p>The list and watch ask the server for those nodes only (labelSelector), and as metadata only.
 * A node that loses the label, or whose label now names another tray, is told as DELETED by a watch
 * with a label selector (the object no longer matches), as MODIFIED by none; both are read here,
 * and the label itself is checked on every object, whatever the server filtered.
 */
final class TrayNodes implements Store {

    private final String tray;
    /** Empty until the first list: "not known yet" is not "none". */
    private Optional<Set<String>> names = Optional.empty();

    TrayNodes(String tray) {
        this.tray = tray;
    }

    /** The nodes of the tray, sorted, or empty if never listed. */
    synchronized Optional<Set<String>> names() {
        return names.map(Set::copyOf);
    }

    @Override
    public synchronized void replace(List<Map<?, ?>> items) throws ApiFailure {
        Set<String> fresh = new TreeSet<>();
        for (Map<?, ?> node : items) {
            if (inTray(node)) {
                fresh.add(name(node));
            } else {
                name(node); // an unnamed one is garbage even when it is not ours
            }
        }
        names = Optional.of(fresh);
    }

    @Override
    public synchronized void apply(String type, Map<?, ?> node) throws ApiFailure {
        String name = name(node);
        boolean stays = !type.equals("DELETED") && inTray(node);
        Set<String> now = new TreeSet<>(names.orElseGet(TreeSet::new));
        if (stays) {
            now.add(name);
        } else {
            now.remove(name);
        }
        names = Optional.of(now);
    }

    private boolean inTray(Map<?, ?> node) {
        return Json.text(node, "metadata", "labels", KubernetesMembers.TRAY_LABEL).filter(tray::equals).isPresent();
    }

    static String name(Map<?, ?> object) throws ApiFailure {
        return Json.text(object, "metadata", "name").filter(n -> !n.isEmpty())
                .orElseThrow(() -> ApiFailure.of("an object without metadata.name"));
    }
}
