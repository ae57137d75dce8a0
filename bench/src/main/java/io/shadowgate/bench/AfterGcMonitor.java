package io.shadowgate.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches every garbage collection and keeps the largest heap still in use right after one:
 * the live set, which is what "constant memory" is about. Thread-safe.
 */
final class AfterGcMonitor {

    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    private AfterGcMonitor() {
    }

    static AfterGcMonitor install() {
        AfterGcMonitor monitor = new AfterGcMonitor();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += usage.getUsed();
                }
                monitor.collections.incrementAndGet();
                monitor.maxAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return monitor;
    }

    long maxAfterGcBytes() {
        return maxAfterGc.get();
    }

    long collections() {
        return collections.get();
    }
}
