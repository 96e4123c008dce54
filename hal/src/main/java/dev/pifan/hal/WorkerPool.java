package dev.pifan.hal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that run {@link TimeLimitedBoard}'s calls: a call is handed to an idle worker (a new
 * one when none is idle), its caller waits for the answer up to a deadline, and an answered worker
 * goes back to the pool for the next call. A worker whose caller gave up is abandoned: it finishes
 * its call, drops the answer and ends.
 *
 * <p>Both sides wait actively for a short while before they park, because a control tick makes
 * its calls back to back: the caller usually sees the answer while still waiting actively, and the
 * next call usually finds the worker still awake, so a tick costs at most one thread wake-up
 * instead of two per call.
 *
 * <p>The active wait yields the CPU at each turn ({@link Thread#yield}) rather than spinning on it
 * ({@link Thread#onSpinWait}): when every core is busy, the thread being waited for is often
 * runnable on this very CPU, and a spin would hold it off for the whole spin. On this 2-core VM
 * under load (JMH, the simulated tick) a tick took up to 420 µs when both sides spun, 48 µs with
 * 5 µs of spinning before the yields and 7 µs with yields only; a yield with nothing else to run
 * returns at once. For the same reason it serves a single core (Pi 1, Zero) as well: the yield
 * lets the other side run.
 */
final class WorkerPool {

    /**
     * How long a worker that has answered waits actively for the next call before it parks. A
     * tick's calls are a few µs apart once compiled, tens of µs while the once-a-second loop is
     * still interpreted; waking a parked thread costs 30-50 µs on a VM. 100 µs covers the gaps, and
     * waiting this long once a tick is 0.01% of one core.
     */
    static final long WORKER_WAIT_NANOS = 100_000;

    /**
     * How long a caller waits actively for the answer before it parks until the deadline. A sysfs
     * or simulated read answers within a few µs; a call still running after 50 µs is a slow one
     * (a vcgencmd process, a hung bus), for which one wake-up more does not matter.
     */
    static final long CALLER_WAIT_NANOS = 50_000;

    private final String namePrefix;
    private final AtomicInteger started = new AtomicInteger();
    private final Deque<Worker> idle = new ArrayDeque<>(); // guarded by this
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Workers are daemon threads named {@code namePrefix-1}, {@code namePrefix-2}, ... */
    WorkerPool(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    /** Starts {@code task} on a worker; the caller then waits for it with {@link Call#await}. */
    <T> Call<T> start(Callable<T> task) {
        Call<T> call = new Call<>(task, Thread.currentThread(), this);
        call.worker = takeIdle();
        if (call.worker != null) {
            call.worker.hand(call);
        } else {
            call.worker = new Worker(call);
            call.worker.start();
        }
        return call;
    }

    /** Ends the idle workers now, the busy ones after their call; calls already running are interrupted. */
    void close() {
        synchronized (this) {
            closed = true;
            idle.clear();
        }
        live.forEach(worker -> worker.thread.interrupt());
    }

    private synchronized Worker takeIdle() {
        if (closed) {
            throw new IllegalStateException("the board is closed");
        }
        return idle.pollFirst();
    }

    private synchronized void release(Worker worker) {
        if (!closed) {
            idle.addFirst(worker); // last in, first out: the most recent worker is the one still awake
        }
    }

    /** One turn of an active wait: false once {@code until} is reached, when the thread should park. */
    private static boolean waitingActively(long until) {
        if (System.nanoTime() - until < 0) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /** One thread: runs the calls handed to it until it is abandoned or the pool is closed. */
    private final class Worker implements Runnable {
        private final Thread thread;
        private volatile Call<?> next;

        Worker(Call<?> first) {
            next = first;
            thread = new Thread(this, namePrefix + "-" + started.incrementAndGet());
            thread.setDaemon(true);
        }

        void start() {
            live.add(this);
            thread.start();
        }

        void hand(Call<?> call) {
            next = call;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                Call<?> call;
                while ((call = awaitCall()) != null) {
                    next = null; // before the answer: the caller may hand the next call as soon as it has it
                    if (!call.run()) {
                        return; // abandoned by its caller: this thread is nobody's any more
                    }
                    Thread.interrupted(); // a call may leave the flag set; close() sets closed before it interrupts
                }
            } finally {
                live.remove(this);
            }
        }

        /** The next call, or null once the pool is closed. */
        private Call<?> awaitCall() {
            long activeUntil = System.nanoTime() + WORKER_WAIT_NANOS;
            Call<?> call;
            while ((call = next) == null) {
                if (closed) {
                    return null;
                }
                if (!waitingActively(activeUntil)) {
                    LockSupport.park(this);
                }
            }
            return call;
        }
    }

    /** One call: run by a worker, waited for by its caller, which may give up on it. */
    static final class Call<T> {
        private static final int RUNNING = 0;
        private static final int ANSWERED = 1;
        private static final int ABANDONED = 2;
        private static final int RETURNED_LATE = 3;

        private final Callable<T> task;
        private final Thread caller;
        private final WorkerPool pool;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private Worker worker; // the caller's: set and read on the calling thread only
        // written by the worker before the answer is published, read by the caller after
        private T value;
        private Throwable failure;

        private Call(Callable<T> task, Thread caller, WorkerPool pool) {
            this.task = task;
            this.caller = caller;
            this.pool = pool;
        }

        /**
         * Waits for the answer up to {@code timeoutNanos} or until the caller is interrupted.
         * True when answered (the worker is back in the pool); false when given up on, and then
         * the call {@linkplain #isHanging() hangs} until the task returns.
         */
        boolean await(long timeoutNanos) {
            long start = System.nanoTime();
            long deadline = start + timeoutNanos;
            long activeUntil = start + CALLER_WAIT_NANOS;
            while (state.get() == RUNNING) {
                long now = System.nanoTime();
                if (now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    if (state.compareAndSet(RUNNING, ABANDONED)) {
                        return false;
                    }
                    break; // answered just now
                }
                if (!waitingActively(activeUntil)) {
                    LockSupport.parkNanos(this, deadline - now);
                }
            }
            pool.release(worker);
            return true;
        }

        /** Given up on by its caller and still running. */
        boolean isHanging() {
            return state.get() == ABANDONED;
        }

        /** What the task threw, or null; only after {@link #await} returned true. */
        Throwable failure() {
            return failure;
        }

        /** What the task returned; only after {@link #await} returned true without a failure. */
        T value() {
            return value;
        }

        /** On the worker: runs the task, then answers; false when the caller had given up. */
        private boolean run() {
            try {
                value = task.call();
            } catch (Throwable t) {
                failure = t;
            }
            if (state.compareAndSet(RUNNING, ANSWERED)) {
                LockSupport.unpark(caller);
                return true;
            }
            state.set(RETURNED_LATE);
            return false;
        }
    }
}
