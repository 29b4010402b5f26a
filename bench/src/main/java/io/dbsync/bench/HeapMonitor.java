package io.dbsync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap. {@code peakAfterGc}: the most heap in use right after any collection
 * (summed over the heap pools, from GC notifications) — what the JVM had to keep, garbage excluded.
 * {@code peakSampled}: the most heap in use seen by polling every 10 ms, garbage included (this one
 * mostly reflects {@code -Xmx} and the collector's pacing).
 */
final class HeapMonitor implements AutoCloseable {
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong peakSampled = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong pauseMillis = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;

    HeapMonitor() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler = new Thread(() -> {
            while (running) {
                peakSampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
        pauseMillis.addAndGet(info.getGcInfo().getDuration());
    }

    /** Starts a new measurement window (after a warm-up). */
    void reset() {
        peakAfterGc.set(0);
        peakSampled.set(0);
        collections.set(0);
        pauseMillis.set(0);
    }

    double peakAfterGcMB() {
        return peakAfterGc.get() / (1024.0 * 1024.0);
    }

    double peakSampledMB() {
        return peakSampled.get() / (1024.0 * 1024.0);
    }

    long collections() {
        return collections.get();
    }

    long gcMillis() {
        return pauseMillis.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (Exception ignored) {
                // not registered
            }
        }
    }
}
