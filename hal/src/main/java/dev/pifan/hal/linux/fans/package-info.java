/**
 * The fan drivers, one class each, node_exporter style: everything about a {@code hardware.fan}
 * driver (config keys and parsing, spec record and YAML, opening, discovery, restore) in one
 * {@link dev.pifan.hal.linux.fans.FanDriver}, listed in {@link dev.pifan.hal.linux.fans.FanDrivers}.
 * The config module reads a part through {@link dev.pifan.hal.linux.fans.FanConfig}, so this
 * package knows nothing of YAML nodes; the board opens through
 * {@link dev.pifan.hal.linux.fans.FanOpening}.
 */
package dev.pifan.hal.linux.fans;
