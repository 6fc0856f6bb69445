package dev.posterm.drivers.reader.link;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Where the sending thread waits for the one-byte answer to its frame, and where the link
 * thread puts it. At most one frame is unacknowledged, so one slot is enough; an ACK or NAK that
 * arrives while nothing waits is ignored (a late answer to a frame already given up on).
 */
final class AckSlot {
    enum Answer { ACK, NAK, TIMEOUT, LINE_LOST }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    private final LongSupplier nanos;
    private boolean expecting;
    private Answer answer;

    AckSlot(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Called before the frame is written, so an answer cannot slip in before the wait. */
    void expect() {
        lock.lock();
        try {
            expecting = true;
            answer = null;
        } finally {
            lock.unlock();
        }
    }

    /** @return false if nothing was waiting */
    boolean offer(Answer a) {
        lock.lock();
        try {
            if (!expecting || answer != null) {
                return false;
            }
            answer = a;
            answered.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    Answer await(long timeoutNanos) throws InterruptedException {
        long end = nanos.getAsLong() + timeoutNanos;
        lock.lock();
        try {
            while (answer == null) {
                long left = end - nanos.getAsLong();
                if (left <= 0) {
                    answer = Answer.TIMEOUT;
                    break;
                }
                answered.await(left, TimeUnit.NANOSECONDS);
            }
            expecting = false;
            return answer;
        } finally {
            lock.unlock();
        }
    }
}
