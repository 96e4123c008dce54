package dev.pifan.tray.poll;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.tray.MemberDirectory;
import dev.pifan.tray.PollError;
import dev.pifan.tray.Tray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray node's ears: every interval, one {@link PollRound} of every member's {@code /peer},
 * each answer handed to the {@link Tray} ({@code heard} or {@code failed}), stamped with the
 * control loop's own clock. One thread, one selector, a few KiB per member; a round ends within
 * tray.poll-timeout, which the config keeps at or below the interval, so rounds never pile up.
 *
 * <p>The poller only ever tells the tray what it heard. It cannot turn the fan down: a poller
 * that stops, hangs or dies leaves its members unheard, and they go to peer_lost by the tray's
 * own rule.
 */
public final class TrayPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrayPoller.class);

    private final Tray tray;
    private final MemberDirectory directory;
    private final Duration interval;
    private final Duration pollTimeout;
    private final MonotonicClock clock;
    private final BiConsumer<String, PollError> errors;
    private final Selector selector;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "pifan-tray-poll");
        t.setDaemon(true);
        return t;
    });
    private Map<String, Optional<InetSocketAddress>> lastMembers = Map.of();

    /**
     * @param clock the control loop's clock: a member is stale by the same time the loop decides by
     * @param errors told of each failed poll, by member (the error counter)
     */
    public TrayPoller(Tray tray, MemberDirectory directory, Duration interval, Duration pollTimeout,
                      MonotonicClock clock, BiConsumer<String, PollError> errors) {
        if (pollTimeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("poll-timeout " + pollTimeout + " above the interval " + interval);
        }
        this.tray = tray;
        this.directory = directory;
        this.interval = interval;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
        this.errors = errors;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the tray's polls", e);
        }
    }

    /**
     * One round now, on the caller's thread (at most poll-timeout), then one every interval on the
     * poller's: the control loop's first tick then knows the members that answer, instead of
     * counting them all lost for a round.
     */
    public void start() {
        roundOrLog();
        thread.scheduleAtFixedRate(this::roundOrLog, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void roundOrLog() {
        try {
            round();
        } catch (RuntimeException e) {
            // a throwing task is never run again: log it and poll on at the next round
            LOG.error("a round of tray polls failed; the next one runs as usual", e);
        }
    }

    /** One round: who the members are, one poll each, what was heard. */
    void round() {
        Map<String, Optional<InetSocketAddress>> members = members();
        Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
        members.forEach((name, address) -> {
            if (address.isPresent()) {
                targets.put(name, address.get());
            } else {
                failed(name, PollError.NO_ADDRESS, "no address known for it yet");
            }
        });
        for (PollRound.Outcome o : PollRound.run(selector, targets, pollTimeout, clock)) {
            if (o.verdict().report() != null) {
                tray.heard(o.member(), o.verdict().report(), o.nanos());
            } else {
                failed(o.member(), o.verdict().error(), o.verdict().why());
            }
        }
    }

    /** The directory's members, the tray made them where they changed; the last answer if it fails. */
    private Map<String, Optional<InetSocketAddress>> members() {
        Map<String, Optional<InetSocketAddress>> now;
        try {
            now = directory.members();
        } catch (RuntimeException e) {
            LOG.warn("the tray's member directory failed ({}); polling the members it named last", e.toString());
            return lastMembers;
        }
        // an empty answer is an answer: a Kubernetes tray whose other nodes were all unlabelled (or
        // this node's own label taken away) has no members, and this node cools itself alone
        if (!new HashSet<>(tray.memberNames()).equals(now.keySet())) {
            tray.setMembers(now.keySet());
        }
        lastMembers = Map.copyOf(now);
        return now;
    }

    private void failed(String member, PollError kind, String why) {
        tray.failed(member, kind.label() + ": " + why);
        errors.accept(member, kind);
        LOG.debug("tray member {}: {}: {}", member, kind.label(), why);
    }

    /** Stops polling (a round in flight ends at its next select), the directory too. */
    @Override
    public void close() {
        thread.shutdownNow();
        selector.wakeup();
        try {
            if (!thread.awaitTermination(pollTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                LOG.warn("the tray poller did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // stopping: nothing to do about it
        }
        directory.close();
    }
}
