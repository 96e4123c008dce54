package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.NoFan;
import dev.pifan.hal.linux.FanSpec;
import java.util.List;

/**
 * {@code driver: none}: a board without a fan of its own, a member of a tray whose one fan is wired
 * to another board (docs/tray.md). pifan runs its rules as on any board, and the duty they ask for
 * is what the member reports to the tray node; nothing is driven here.
 *
 * <p>The fan has no tachometer, so no stall rule can fire for it, and a write never fails, so no
 * fan-failure rule either: the safety rules that remain are the board's own (sensor, throttle
 * flags, critical temperature), which is what the tray node must hear of.
 */
public final class NoneDriver extends FanDriver<NoneDriver.Spec> {

    public NoneDriver() {
        super("none", Spec.class, List.of());
    }

    /** {@code {driver: none}}: no keys. */
    public record Spec() implements FanSpec {
        @Override
        public String toYaml() {
            return "{driver: none}";
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        return config.build(Spec::new);
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) {
        return new NoFan();
    }
}
