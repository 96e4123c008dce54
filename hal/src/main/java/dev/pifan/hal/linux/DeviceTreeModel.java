package dev.pifan.hal.linux;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.HalException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The board model from the device tree: {@code /proc/device-tree/model}, or its real home
 * {@code /sys/firmware/devicetree/base/model} (what a container with only the host's /sys sees).
 */
public final class DeviceTreeModel {

    static final String PROC_MODEL = "/proc/device-tree/model";
    static final String SYS_MODEL = "/sys/firmware/devicetree/base/model";

    private DeviceTreeModel() {
    }

    /** The model text, NUL byte removed, or empty when there is no device tree (not a Pi, wrong root). */
    public static Optional<String> readText(Sysfs sysfs) {
        for (String candidate : new String[] {PROC_MODEL, SYS_MODEL}) {
            Path file = sysfs.path(candidate);
            try {
                Optional<String> text = sysfs.readIfExists(file).map(t -> t.replace("\0", "").strip());
                if (text.isPresent() && !text.get().isEmpty()) {
                    return text;
                }
            } catch (HalException e) {
                // unreadable: try the other path, then report no model
            }
        }
        return Optional.empty();
    }

    /** The classified model; {@link BoardModel#UNKNOWN} when there is none. The model informs, it never fails a start. */
    public static BoardModel read(Sysfs sysfs) {
        return readText(sysfs).map(BoardModel::parse).orElse(BoardModel.UNKNOWN);
    }
}
