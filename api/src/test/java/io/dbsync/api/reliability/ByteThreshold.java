package io.dbsync.api.reliability;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters the bytes a server sends the API once armed. At {@code threshold} it stops every byte of
 * every connection from then on, old or new, so reconnects find the server gone for good; with
 * {@code cut} it also closes the open connections (a cut), else they just hang (a stall).
 */
final class ByteThreshold implements NetworkFaultProxy.Watcher {
    private final NetworkFaultProxy proxy;
    private final long threshold;
    private final boolean cut;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch reached = new CountDownLatch(1);
    private volatile long bytesAtThreshold = -1;

    ByteThreshold(NetworkFaultProxy proxy, long threshold, boolean cut) {
        this.proxy = proxy;
        this.threshold = threshold;
        this.cut = cut;
    }

    void arm() {
        armed.set(true);
    }

    @Override
    public boolean swallow(InetSocketAddress connection, NetworkFaultProxy.Direction direction, String chunk) {
        if (reached.getCount() == 0) {
            return true;
        }
        if (!armed.get() || direction != NetworkFaultProxy.Direction.SERVER_TO_CLIENT) {
            return false;
        }
        long seen = bytes.addAndGet(chunk.length());
        if (seen < threshold) {
            return false;
        }
        synchronized (this) {
            if (reached.getCount() > 0) {
                bytesAtThreshold = seen;
                reached.countDown();
                if (cut) {
                    proxy.cutAllConnectionsSoon();
                }
            }
        }
        return true;
    }

    boolean awaitReached(long timeout, TimeUnit unit) throws InterruptedException {
        return reached.await(timeout, unit);
    }

    /** The bytes seen when the threshold was reached, or -1. */
    long bytesAtThreshold() {
        return bytesAtThreshold;
    }
}
