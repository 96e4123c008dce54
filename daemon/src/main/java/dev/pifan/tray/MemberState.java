package dev.pifan.tray;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the tray node knows of one member at one moment, for the decision, metrics and status.
 *
 * @param member the member's name, as the tray's list gives it
 * @param last the last report that was news, if any ever came
 * @param heardNanos when it came (the tray node's monotonic clock)
 * @param silentFor how long ago that was, empty if never
 * @param stale whether the member counts as lost (never heard, or silent for stale-after or more)
 * @param lastError the last poll's failure, if the last poll failed
 */
public record MemberState(String member, Optional<PeerReport> last, OptionalLong heardNanos,
                          Optional<Duration> silentFor, boolean stale, Optional<String> lastError) {
}
