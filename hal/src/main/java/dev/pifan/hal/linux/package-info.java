/**
 * The Linux backends: everything read or written under a {@link dev.pifan.hal.linux.HostRoot}
 * ({@code /}, {@code /host} in a container, a fixture tree in tests).
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.pifan.hal.linux.Host}: the root plus everything injectable (file access, clock,
 *       sleeper, command runner, library providers, executable path, stall detection);
 *   <li>{@link dev.pifan.hal.linux.HardwareSpec}: the {@code hardware:} config section as records
 *       ({@link dev.pifan.hal.linux.TemperatureSpec}, {@link dev.pifan.hal.linux.ThrottleSpec},
 *       {@link dev.pifan.hal.linux.FanSpec}, whose records live with their drivers in
 *       {@link dev.pifan.hal.linux.fans}), each rendering the YAML that selects it;
 *   <li>{@link dev.pifan.hal.linux.LinuxBoard#open}: a {@link dev.pifan.hal.Board} from a host and a
 *       spec, {@code auto} parts resolved by discovery;
 *   <li>{@link dev.pifan.hal.linux.Discovery#run}: the read-only survey behind {@code pifan probe},
 *       returning a {@link dev.pifan.hal.linux.DiscoveryReport}.
 * </ul>
 *
 * <p>One small class per source, node_exporter style; text parsing in
 * {@link dev.pifan.hal.linux.SysfsText}, IOException translation in
 * {@link dev.pifan.hal.linux.SysfsErrors}. This package names the diozero and Pi4J adapters in
 * exactly one place, {@link dev.pifan.hal.linux.DeviceProviders#libraries()}.
 */
package dev.pifan.hal.linux;
