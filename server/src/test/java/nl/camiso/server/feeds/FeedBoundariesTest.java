package nl.camiso.server.feeds;

import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.testing.MemoryStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a start, a feed waits only briefly for a large collection's first validity read. */
class FeedBoundariesTest {

    @Test
    void aSlowFirstReadIsNotWaitedForAndLaterPollsGetItsResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ObjectStore slow = slowReads(new MemoryStore(), release);
        FeedBoundaries boundaries = new FeedBoundaries();

        long start = System.nanoTime();
        OptionalLong first = boundaries.refreshWithin(slow, "c1", 7, Instant.now(), Duration.ofMillis(200));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(first.isEmpty(), "the whole read is not done, so no boundary is known yet");
        assertTrue(waitedMillis < 2_000, "answered after " + waitedMillis + " ms");
        assertTrue(boundaries.refreshWithin(slow, "c1", 7, Instant.now(), Duration.ofMillis(50)).isEmpty(),
                "a second poll during the read does not start another one or wait for it");

        release.countDown();
        OptionalLong later = boundaries.refreshWithin(slow, "c1", 7, Instant.now(), Duration.ofSeconds(10));
        assertEquals(OptionalLong.of(0), later, "an empty collection: no boundary has passed");
    }

    @Test
    void aQuickFirstReadIsWaitedFor() {
        FeedBoundaries boundaries = new FeedBoundaries();
        assertEquals(OptionalLong.of(0),
                boundaries.refreshWithin(new MemoryStore(), "c1", 7, Instant.now(), Duration.ofSeconds(10)));
    }

    /** Every read of the store waits until {@code release}; everything else goes straight through. */
    private static ObjectStore slowReads(MemoryStore store, CountDownLatch release) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
